/**
 * Which store a Node front end (CLI, SDK) works on, by the conventions of every S3 tool:
 * `--store s3://bucket/prefix` or ARTIFACT_STUDIO_STORE; credentials from AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or a profile of the shared credentials file
 * (AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE); endpoint from AWS_ENDPOINT_URL_S3 /
 * AWS_ENDPOINT_URL; region from AWS_REGION. Anything else is a local folder store.
 */
import { parse as parseIni } from 'ini';
import { AppError } from '../../domain/errors';
import type { S3Config } from '../s3/s3-config';
import { normaliseS3Config } from '../s3/s3-config';

export type StoreSpec = { kind: 's3'; bucket: string; prefix: string } | { kind: 'folder'; path: string };

/** The environment the spec is read from (process.env in the CLI). */
export type Env = Readonly<Record<string, string | undefined>>;

export interface SpecContext {
  readonly env: Env;
  /** The user's home folder, for ~/.aws/credentials and the default folder store. */
  readonly home: string;
  /** Reads a text file; null when it does not exist. */
  readonly readText: (path: string) => string | null;
}

const join = (...parts: string[]): string => parts.join('/').replace(/\/+/g, '/');

/** `s3://bucket/prefix` → bucket and prefix; any other text names a folder. */
export function parseStoreSpec(spec: string): StoreSpec {
  const trimmed = spec.trim();
  if (trimmed === '') throw new AppError('invalid-config', 'the store is empty: give s3://bucket/prefix or a folder path');
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/i.exec(trimmed);
  if (!match) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
      throw new AppError('invalid-config', `store ${JSON.stringify(spec)} is neither s3://bucket/prefix nor a folder path`);
    }
    return { kind: 'folder', path: trimmed };
  }
  const bucket = match[1] ?? '';
  if (bucket === '') throw new AppError('invalid-config', `store ${JSON.stringify(spec)} names no bucket (write s3://bucket or s3://bucket/prefix)`);
  return { kind: 's3', bucket, prefix: match[2] ?? '' };
}

/** The store to use: the flag, else ARTIFACT_STUDIO_STORE, else the default folder store under the home folder. */
export function chooseStoreSpec(flag: string | undefined, context: SpecContext): StoreSpec {
  const given = flag ?? context.env['ARTIFACT_STUDIO_STORE'];
  if (given !== undefined && given.trim() !== '') return parseStoreSpec(given);
  return { kind: 'folder', path: defaultFolderStore(context) };
}

/** `$ARTIFACT_STUDIO_HOME/store`, default `~/.artifact-studio/store`. */
export function defaultFolderStore(context: Pick<SpecContext, 'env' | 'home'>): string {
  return join(artifactStudioHome(context), 'store');
}

/** Where the CLI keeps its own state (the default store, download records). */
export function artifactStudioHome(context: Pick<SpecContext, 'env' | 'home'>): string {
  const home = context.env['ARTIFACT_STUDIO_HOME'];
  return home !== undefined && home.trim() !== '' ? home.trim() : join(context.home, '.artifact-studio');
}

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

function credentialsFrom(context: SpecContext): Credentials {
  const { env } = context;
  const id = env['AWS_ACCESS_KEY_ID']?.trim();
  const secret = env['AWS_SECRET_ACCESS_KEY']?.trim();
  const token = env['AWS_SESSION_TOKEN']?.trim();
  if (id || secret) {
    if (!id || !secret) {
      const missing = id ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
      throw new AppError('invalid-config', `${missing} is not set: set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or neither, to use a profile)`);
    }
    return { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
  }
  const file = env['AWS_SHARED_CREDENTIALS_FILE']?.trim() || join(context.home, '.aws', 'credentials');
  const profile = env['AWS_PROFILE']?.trim() || env['AWS_DEFAULT_PROFILE']?.trim() || 'default';
  const text = context.readText(file);
  const hint = 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE naming a profile of ~/.aws/credentials';
  if (text === null) throw new AppError('invalid-config', `no S3 credentials: the environment has none and ${file} does not exist; ${hint}`);
  const section: unknown = parseIni(text)[profile];
  const fields = typeof section === 'object' && section !== null ? (section as Record<string, unknown>) : null;
  if (!fields) throw new AppError('invalid-config', `no S3 credentials: ${file} has no profile [${profile}]; ${hint}`);
  const field = (name: string): string | undefined => {
    const value = fields[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const accessKeyId = field('aws_access_key_id');
  const secretAccessKey = field('aws_secret_access_key');
  if (!accessKeyId || !secretAccessKey) {
    throw new AppError('invalid-config', `profile [${profile}] of ${file} needs both aws_access_key_id and aws_secret_access_key`);
  }
  const sessionToken = field('aws_session_token');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/** The full, checked S3 settings of an s3:// store spec. */
export function s3ConfigOf(spec: { bucket: string; prefix: string }, context: SpecContext): S3Config {
  const { env } = context;
  const region = env['AWS_REGION']?.trim() || env['AWS_DEFAULT_REGION']?.trim() || 'us-east-1';
  const endpoint = env['AWS_ENDPOINT_URL_S3']?.trim() || env['AWS_ENDPOINT_URL']?.trim() || `https://s3.${region}.amazonaws.com`;
  return normaliseS3Config({ endpoint, region, bucket: spec.bucket, prefix: spec.prefix, ...credentialsFrom(context) });
}

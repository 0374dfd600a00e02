import { AppError } from '../../domain/errors';

/**
 * Where an S3-compatible store lives and how to sign for it. Credentials are kept in memory or
 * session storage by the caller, never in the bundle or local storage.
 */
export interface S3Config {
  /** e.g. `http://127.0.0.1:7480`, `https://s3.eu-west-1.amazonaws.com`, `https://<account>.r2.cloudflarestorage.com`. */
  endpoint: string;
  /** SigV4 region: `us-east-1` for Ceph RGW and MinIO, `auto` for R2. */
  region: string;
  bucket: string;
  /** Key prefix inside the bucket, e.g. `team-a/`; '' for the bucket root. */
  prefix: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The transport: global fetch in the browser and Node 20; tests wrap it to count requests. */
export type FetchLike = (request: Request) => Promise<Response>;

/**
 * What the client reads of an answer. fetch's Response is one; Node's transport makes a
 * lighter one, because the first Headers or Response made in Node loads its bundled fetch
 * implementation, a start-up cost every CLI command would pay.
 */
export interface S3Answer {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  readonly body: { cancel(): Promise<void> } | null;
  text(): Promise<string>;
  blob(): Promise<Blob>;
}

/**
 * Signs and sends one request in place of aws4fetch + fetch (Node's, in src/store/node, which
 * skips WebCrypto and the Request objects); network failures reject, as fetch does.
 */
export type S3Transport = (
  method: string,
  url: string,
  init: { headers?: Record<string, string>; body?: string | Blob; signal?: AbortSignal },
) => Promise<S3Answer>;

export interface S3ClientOptions {
  fetch?: FetchLike;
  /** Made once per client from its normalised config; when given, `fetch` is not used. */
  transport?: (config: S3Config) => S3Transport;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Trims the fields, checks the endpoint is an http(s) URL, and gives the prefix one trailing "/". */
export function normaliseS3Config(config: S3Config): S3Config {
  const endpoint = config.endpoint.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new AppError('invalid-config', `endpoint ${JSON.stringify(config.endpoint)} is not a URL (e.g. https://s3.amazonaws.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('invalid-config', `endpoint ${JSON.stringify(config.endpoint)} must start with http:// or https://`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new AppError('invalid-config', `endpoint ${JSON.stringify(config.endpoint)} may not have a query or fragment`);
  }
  const bucket = config.bucket.trim();
  if (!BUCKET_NAME.test(bucket)) {
    throw new AppError(
      'invalid-config',
      `bucket ${JSON.stringify(config.bucket)} must be 3–63 lowercase letters, digits, "." or "-", starting and ending with a letter or digit`,
    );
  }
  const prefix = config.prefix.trim().replace(/^\/+/, '').replace(/\/+$/, '');
  if (prefix.split('/').some((segment) => segment === '' || segment === '.' || segment === '..') && prefix !== '') {
    throw new AppError('invalid-config', `prefix ${JSON.stringify(config.prefix)} may not contain empty, "." or ".." segments`);
  }
  const accessKeyId = config.accessKeyId.trim();
  const secretAccessKey = config.secretAccessKey.trim();
  if (accessKeyId === '' || secretAccessKey === '') {
    throw new AppError('invalid-config', 'access key id and secret access key are both required');
  }
  const region = config.region.trim() === '' ? 'us-east-1' : config.region.trim();
  const sessionToken = config.sessionToken?.trim();
  return {
    endpoint,
    region,
    bucket,
    prefix: prefix === '' ? '' : `${prefix}/`,
    accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
  };
}

/** The store id (2nd segment of every query key): one per bucket and prefix. */
export function s3StoreId(config: S3Config): string {
  return `s3:${config.endpoint}/${config.bucket}/${config.prefix}`;
}

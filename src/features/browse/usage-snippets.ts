import { shellQuote } from '../../domain/run-summary';
import type { StoreLocation } from '../../store/artifact-store';

export interface UsedVersion {
  readonly project: string;
  readonly artifactName: string;
  readonly index: number;
  readonly type: string;
  /** The artifact digest (W&B computes the same one for the same files). */
  readonly digest: string;
}

type S3Location = Extract<StoreLocation, { kind: 's3' }>;

/** `s3://bucket/prefix` as the CLI's `--store` and the SDK's `store` take it. */
export function s3StoreUrl(location: S3Location): string {
  const prefix = location.prefix.replace(/\/+$/, '');
  return prefix === '' ? `s3://${location.bucket}` : `s3://${location.bucket}/${prefix}`;
}

const refOf = (v: UsedVersion) => `${v.project}/${v.artifactName}:v${v.index}`;
const folderOf = (v: UsedVersion) => `./${v.artifactName}-v${v.index}`;

/**
 * The shell lines that download exactly this version with the CLI from the same bucket: the
 * endpoint and region as environment variables, credentials named but never filled in.
 */
export function cliGetSnippet(v: UsedVersion, location: S3Location): string {
  return [
    `export AWS_ENDPOINT_URL_S3=${shellQuote(location.endpoint)}`,
    `export AWS_REGION=${shellQuote(location.region)}`,
    '# and your keys: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)',
    `artifact-studio get ${shellQuote(refOf(v))} --root ${shellQuote(folderOf(v))} --store ${shellQuote(s3StoreUrl(location))}`,
    '',
  ].join('\n');
}

/** TypeScript (Node) that uses exactly this version in a run of its own, recorded in the lineage. */
export function sdkSnippet(v: UsedVersion, location: S3Location): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    "import { init } from 'artifact-studio';",
    '',
    `const run = await init({ project: ${q(v.project)}, jobType: 'use-artifact', store: ${q(s3StoreUrl(location))} });`,
    `const version = await run.useArtifact(${q(refOf(v))});`,
    `await version.download(${q(folderOf(v))});`,
    'await run.finish();',
    '',
  ].join('\n');
}

/** Logs the downloaded folder to W&B: it talks to W&B's servers, not to this store, and gets the same digest there. */
export function wandbPutSnippet(v: UsedVersion): string {
  return `wandb artifact put --name ${shellQuote(`${v.project}/${v.artifactName}`)} --type ${shellQuote(v.type)} ${shellQuote(folderOf(v))}\n`;
}

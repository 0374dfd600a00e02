/**
 * Where everything lives in the bucket (see shared/s3/README.md), below the configured prefix:
 *
 *   blobs/md5/<md5hex>                                   file bytes, written once (If-None-Match: *)
 *   manifests/<artifact digest>.json                     wandb_manifest.json, written once
 *   projects/<p>/project.json                            { name, createdAt }, written once
 *   projects/<p>/artifacts/<name>/versions/v<N>.json     version record, created with If-None-Match: *;
 *                                                        a deleted version keeps a tombstone (N is never reused);
 *                                                        the artifact exists once v0 does, and v0 fixes its type
 *   projects/<p>/artifacts/<name>/artifact.json          { description } (compare-and-swap), optional
 *   projects/<p>/artifacts/<name>/aliases.json           {"latest": N, "prod": M}, compare-and-swap (If-Match)
 *   projects/<p>/artifacts/<name>/index/<k>.json         cache of the records v<100k>..v<100k+99> with
 *                                                        their ETags, so listing needs no per-version GET
 *   projects/<p>/artifacts/<name>/alias-events/<t>.json  one object per alias add/move/remove
 *   projects/<p>/runs/<runId>.json                       run record: created once, then updated by compare-and-swap (If-Match)
 *   run-ids/<runId>.json                                 { project }: makes run ids unique across projects
 *   projects/<p>/lineage/<name>/v<N>/used-by/<runId>     empty marker: which runs used vN (prefix listing)
 *   changes/<project>.json                               change log: what the last writes changed (s3-change-log.ts)
 *   deletions/<time>-<rand>.json                         blobs/manifests about to be deleted (commits check it)
 */
import { AppError } from '../../domain/errors';

const MD5_BASE64 = /^[A-Za-z0-9+/]{22}==$/;

/** base64 md5 (24 characters) → 32 lowercase hex digits. */
export function digestToHex(digest: string): string {
  if (!MD5_BASE64.test(digest)) {
    throw new AppError('invalid-manifest', `blob digest ${JSON.stringify(digest)} must be a base64 md5 (24 characters ending "==")`);
  }
  const binary = atob(digest);
  let hex = '';
  for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}

export function hexToDigest(hex: string): string | null {
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  let binary = '';
  for (let i = 0; i < 32; i += 2) binary += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16));
  return btoa(binary);
}

/**
 * A project or artifact name as a key segment. Names may be "." or "..", which URL parsers
 * (WHATWG, so fetch and aws4fetch) would resolve as dot segments; they get a "~" in front,
 * a character names never contain.
 */
export function nameSegment(name: string): string {
  return name === '.' || name === '..' ? `~${name}` : name;
}

export function nameFromSegment(segment: string): string {
  return segment === '~.' || segment === '~..' ? segment.slice(1) : segment;
}

export interface S3Layout {
  readonly root: string;
  readonly blobsPrefix: string;
  blob(digest: string): string;
  readonly manifestsPrefix: string;
  manifest(artifactDigest: string): string;
  readonly projectsPrefix: string;
  project(project: string): string;
  artifactsPrefix(project: string): string;
  artifact(project: string, name: string): string;
  versionsPrefix(project: string, name: string): string;
  version(project: string, name: string, index: number): string;
  aliases(project: string, name: string): string;
  /** The index shard holding version `index`'s cached record. */
  indexShard(project: string, name: string, shard: number): string;
  aliasEventsPrefix(project: string, name: string): string;
  runsPrefix(project: string): string;
  run(project: string, runId: string): string;
  runId(runId: string): string;
  usedByPrefix(project: string, name: string, index: number): string;
  usedBy(project: string, name: string, index: number, runId: string): string;
  readonly probePrefix: string;
  /** Notes left by whoever deletes blobs or manifests, read by concurrent commits (see s3-deletions.ts). */
  readonly deletionsPrefix: string;
}

export function s3Layout(prefix: string): S3Layout {
  const projects = `${prefix}projects/`;
  const proj = (p: string) => `${projects}${nameSegment(p)}/`;
  const art = (p: string, n: string) => `${proj(p)}artifacts/${nameSegment(n)}/`;
  return {
    root: prefix,
    blobsPrefix: `${prefix}blobs/md5/`,
    blob: (digest) => `${prefix}blobs/md5/${digestToHex(digest)}`,
    manifestsPrefix: `${prefix}manifests/`,
    manifest: (digest) => `${prefix}manifests/${digest}.json`,
    projectsPrefix: projects,
    project: (p) => `${proj(p)}project.json`,
    artifactsPrefix: (p) => `${proj(p)}artifacts/`,
    artifact: (p, n) => `${art(p, n)}artifact.json`,
    versionsPrefix: (p, n) => `${art(p, n)}versions/`,
    version: (p, n, i) => `${art(p, n)}versions/v${i}.json`,
    aliases: (p, n) => `${art(p, n)}aliases.json`,
    indexShard: (p, n, k) => `${art(p, n)}index/${k}.json`,
    aliasEventsPrefix: (p, n) => `${art(p, n)}alias-events/`,
    runsPrefix: (p) => `${proj(p)}runs/`,
    run: (p, id) => `${proj(p)}runs/${id}.json`,
    runId: (id) => `${prefix}run-ids/${id}.json`,
    usedByPrefix: (p, n, i) => `${proj(p)}lineage/${nameSegment(n)}/v${i}/used-by/`,
    usedBy: (p, n, i, id) => `${proj(p)}lineage/${nameSegment(n)}/v${i}/used-by/${id}`,
    probePrefix: `${prefix}.probe/`,
    deletionsPrefix: `${prefix}deletions/`,
  };
}

/** The name in a CommonPrefix such as `…/artifacts/<name>/`. */
export function nameOfPrefix(commonPrefix: string): string {
  const parts = commonPrefix.split('/');
  return nameFromSegment(parts[parts.length - 2] ?? '');
}

/** Versions per index shard: a commit rewrites one small shard, a listing reads ⌈n/100⌉ of them. */
export const INDEX_SHARD_SIZE = 100;

export function indexShardOf(index: number): number {
  return Math.floor(index / INDEX_SHARD_SIZE);
}

/** `…/versions/v12.json` → 12; null for any other key. */
export function versionIndexOfKey(key: string): number | null {
  const match = /\/versions\/v(\d+)\.json$/.exec(key);
  return match?.[1] === undefined ? null : Number(match[1]);
}

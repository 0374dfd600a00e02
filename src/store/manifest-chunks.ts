/**
 * Manifests as the stores keep them: the blobs a manifest needs, sizes filled in from the
 * stored bytes, totals, and the chunk codec (rows before schema v2, columns since).
 */
import { entryDigestAlgorithm } from '../domain/digest';
import { AppError } from '../domain/errors';
import { MAX_JSON_DEPTH, parseExactJson, stringifyExactJson } from '../domain/exact-json';
import { quoteForMessage } from '../domain/paths';
import type { JsonObject, ManifestEntry, VersionId } from '../domain/types';
import type { ManifestChunkRecord, ManifestColumns } from './records';
import { MANIFEST_CHUNK_ENTRIES } from './records';
import { missingBlobError } from './store-errors';

export function isReferenceEntry(entry: ManifestEntry): boolean {
  return entryDigestAlgorithm(entry) === 'reference';
}

/** Distinct digests of the entries whose bytes the store must hold, each with its first path (in path order). */
export function blobDigestsOf(entries: readonly ManifestEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of entries) {
    if (!isReferenceEntry(entry) && !out.has(entry.digest)) out.set(entry.digest, entry.path);
  }
  return out;
}

/**
 * Fills in the size of stored entries that lack one and refuses entries whose size disagrees
 * with the stored bytes.
 */
export function withBlobSizes(entries: readonly ManifestEntry[], sizeOf: ReadonlyMap<string, number>): ManifestEntry[] {
  return entries.map((entry) => {
    if (isReferenceEntry(entry)) return entry;
    const size = sizeOf.get(entry.digest);
    if (size === undefined) throw missingBlobError(entry.path, entry.digest);
    if (entry.size === undefined) return { ...entry, size };
    if (entry.size !== size) {
      throw new AppError(
        'digest-mismatch',
        `${quoteForMessage(entry.path)} says it has ${entry.size} bytes, but the stored bytes of digest ${entry.digest} are ${size} bytes`,
        { details: { path: entry.path, digest: entry.digest, size: entry.size, storedSize: size } },
      );
    }
    return entry;
  });
}

export function manifestTotals(entries: readonly ManifestEntry[]): { size: number; fileCount: number } {
  let size = 0;
  for (const entry of entries) size += entry.size ?? 0;
  return { size, fileCount: entries.length };
}

export function chunkEntries(entries: readonly ManifestEntry[]): ManifestEntry[][] {
  const chunks: ManifestEntry[][] = [];
  for (let start = 0; start < entries.length; start += MANIFEST_CHUNK_ENTRIES) {
    chunks.push(entries.slice(start, start + MANIFEST_CHUNK_ENTRIES));
  }
  return chunks;
}

/** The manifest chunk records of a version (columnar, see ManifestColumns). */
export function toManifestChunks(versionId: VersionId, entries: readonly ManifestEntry[]): ManifestChunkRecord[] {
  return chunkEntries(entries).map((chunk, chunkNo) => ({ versionId, chunkNo, columns: toManifestColumns(chunk) }));
}

export function toManifestColumns(entries: readonly ManifestEntry[]): ManifestColumns {
  const paths: string[] = [];
  const digests: string[] = [];
  const sizes = new Float64Array(entries.length);
  let refs: string[] | undefined;
  let births: string[] | undefined;
  let extras: (JsonObject | null)[] | undefined;
  let i = 0;
  for (const entry of entries) {
    paths.push(entry.path);
    digests.push(entry.digest);
    sizes[i] = entry.size ?? -1;
    if (entry.ref !== undefined) (refs ??= new Array<string>(i).fill('')).push(entry.ref);
    else refs?.push('');
    if (entry.birthArtifactID !== undefined) (births ??= new Array<string>(i).fill('')).push(entry.birthArtifactID);
    else births?.push('');
    if (entry.extra !== undefined) (extras ??= new Array<null>(i).fill(null)).push(entry.extra);
    else extras?.push(null);
    i += 1;
  }
  const columns: ManifestColumns = { paths: JSON.stringify(paths), digests: JSON.stringify(digests), sizes };
  if (refs) columns.refs = JSON.stringify(refs);
  if (births) columns.birthArtifactIDs = JSON.stringify(births);
  if (extras) columns.extras = stringifyExactJson(extras);
  return columns;
}

/** Number of entries a chunk holds, in either layout. */
export function chunkLength(chunk: ManifestChunkRecord): number {
  return 'entries' in chunk ? chunk.entries.length : chunk.columns.sizes.length;
}

/** The columns of a columnar chunk as arrays, one item per entry (JSON.parse: written by toManifestColumns; extras keep exact numbers). */
export function parseManifestColumns(columns: ManifestColumns): {
  paths: string[];
  digests: string[];
  sizes: Float64Array;
  refs: string[] | undefined;
  birthArtifactIDs: string[] | undefined;
  extras: (JsonObject | null)[] | undefined;
} {
  const parse = <T>(json: string | undefined): T[] | undefined => (json === undefined ? undefined : (JSON.parse(json) as T[]));
  return {
    paths: parse<string>(columns.paths) ?? [],
    digests: parse<string>(columns.digests) ?? [],
    sizes: columns.sizes,
    refs: parse<string>(columns.refs),
    birthArtifactIDs: parse<string>(columns.birthArtifactIDs),
    extras:
      columns.extras === undefined ? undefined : (parseExactJson(columns.extras, 'stored manifest extras', 'internal', MAX_JSON_DEPTH + 2) as (JsonObject | null)[]),
  };
}

/** Entries [start, end) of a chunk of either layout (columnar since schema v2, entry objects before). */
export function chunkEntriesOf(chunk: ManifestChunkRecord, start = 0, end = Number.POSITIVE_INFINITY): ManifestEntry[] {
  if ('entries' in chunk) return start === 0 && end >= chunk.entries.length ? chunk.entries : chunk.entries.slice(start, end);
  const { paths, digests, sizes, refs, birthArtifactIDs, extras } = parseManifestColumns(chunk.columns);
  const stop = Math.min(end, sizes.length);
  const out: ManifestEntry[] = [];
  for (let i = start; i < stop; i++) {
    const entry: { -readonly [K in keyof ManifestEntry]: ManifestEntry[K] } = { path: paths[i] ?? '', digest: digests[i] ?? '' };
    const birth = birthArtifactIDs?.[i];
    if (birth) entry.birthArtifactID = birth;
    const ref = refs?.[i];
    if (ref) entry.ref = ref;
    const size = sizes[i];
    if (size !== undefined && size >= 0) entry.size = size;
    const extra = extras?.[i];
    if (extra) entry.extra = extra;
    out.push(entry);
  }
  return out;
}

/** The chunk numbers holding entries [offset, offset + limit) of a manifest of `total` entries. */
export function chunkSpan(offset: number, limit: number, total: number): { first: number; last: number } | null {
  const end = Math.min(offset + limit, total);
  if (offset >= end) return null;
  return { first: Math.floor(offset / MANIFEST_CHUNK_ENTRIES), last: Math.floor((end - 1) / MANIFEST_CHUNK_ENTRIES) };
}

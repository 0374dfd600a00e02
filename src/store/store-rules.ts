/**
 * Store rules over plain data, shared by every adapter: input validation, the shape of the
 * records a commit writes, alias/latest rules and the conversion of records to domain objects.
 * No I/O here.
 */
import { entryDigestAlgorithm } from '../domain/digest';
import { AppError } from '../domain/errors';
import { hasExactNumber, MAX_JSON_DEPTH, parseExactJson, stringifyExactJson } from '../domain/exact-json';
import { normaliseEntries } from '../domain/manifest';
import { quoteForMessage, refuseFileFolderClash } from '../domain/paths';
import { mergeRunInfo, nextRunEnd, validateRunInfo, validateRunState } from '../domain/run-rules';
import type { Artifact, ArtifactId, ArtifactVersion, JsonObject, ManifestEntry, RunId, VersionId } from '../domain/types';
import { parseVersionId } from '../domain/types';
import {
  validateAliases,
  validateArtifactName,
  validateArtifactType,
  validateConfig,
  validateDescription,
  validateJobType,
  validateMetadata,
  validateProjectName,
  validateRunName,
  validateTags,
  validateTtlSeconds,
} from '../domain/validation';
import type { CommitInput, GcOptions, RunInput, RunPatch, VersionPatch } from './artifact-store';
import type { ArtifactRecord, ArtifactSummary, ManifestChunkRecord, ManifestColumns, RunRecord, VersionRecord } from './records';
import { MANIFEST_CHUNK_ENTRIES } from './records';

export const LATEST = 'latest';

export interface ValidCommit {
  project: string;
  artifactName: string;
  type: string;
  entries: ManifestEntry[];
  description: string;
  metadata: JsonObject;
  tags: string[];
  aliases: string[];
  producedBy: RunId | null;
  ttlSeconds: number | null;
}

/**
 * Validates and cleans a CommitInput; entries come back normalised and path-sorted. A file and
 * a folder of the same name ("data", "data/b.txt") are refused: no zip of it could be extracted.
 */
export function validateCommitInput(input: CommitInput): ValidCommit {
  const valid: ValidCommit = {
    project: validateProjectName(input.project),
    artifactName: validateArtifactName(input.artifactName),
    type: validateArtifactType(input.type),
    aliases: validateAliases(input.aliases ?? []),
    tags: validateTags(input.tags ?? []),
    metadata: validateMetadata(input.metadata ?? {}),
    description: validateDescription(input.description ?? ''),
    ttlSeconds: validateTtlSeconds(input.ttlSeconds),
    producedBy: validateRunRef(input.producedBy),
    entries: normaliseEntries(input.entries),
  };
  refuseFileFolderClash(valid.entries.map((entry) => entry.path));
  return valid;
}

function validateRunRef(value: RunId | null | undefined): RunId | null {
  if (value === null || value === undefined) return null;
  return validateRunId(value);
}

const RUN_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** collectGarbage's options, checked: a time, and digests when given. */
export function validGcOptions(options: GcOptions): GcOptions {
  const { stagedBefore, digests } = options;
  if (typeof stagedBefore !== 'number' || Number.isNaN(stagedBefore)) {
    throw new AppError('invalid-config', `stagedBefore ${String(stagedBefore)} must be a time in milliseconds`);
  }
  if (digests !== undefined && (!Array.isArray(digests) || digests.some((d) => typeof d !== 'string'))) {
    throw new AppError('invalid-config', 'digests must be a list of blob digests');
  }
  return digests === undefined ? { stagedBefore } : { stagedBefore, digests };
}

export function validateRunId(value: unknown): RunId {
  if (typeof value !== 'string' || !RUN_ID.test(value)) {
    const shown = typeof value === 'string' ? quoteForMessage(value) : String(value);
    throw new AppError('invalid-name', `run id ${shown} may contain only letters, digits, "_" and "-" (1 to 128 characters)`);
  }
  return value as RunId;
}

export function validateVersionPatch(patch: VersionPatch): VersionPatch {
  const out: VersionPatch = {};
  if (patch.description !== undefined) out.description = validateDescription(patch.description);
  if (patch.metadata !== undefined) out.metadata = validateMetadata(patch.metadata);
  if (patch.tags !== undefined) out.tags = validateTags(patch.tags);
  if (patch.ttlSeconds !== undefined) out.ttlSeconds = validateTtlSeconds(patch.ttlSeconds);
  return out;
}

function validateTime(value: unknown, noun: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new AppError('invalid-config', `${noun} ${String(value)} must be a time in milliseconds since 1970`);
  }
  return value;
}

/** A run record from its input, except that the inputs still have to be checked against the store. */
export function validateRunInput(input: RunInput, now: number, newId: () => string): RunRecord {
  const state = validateRunState(input.state ?? 'running');
  const startedAt = validateTime(input.startedAt ?? now, 'run start');
  const finishedAt = input.finishedAt === undefined || input.finishedAt === null ? null : validateTime(input.finishedAt, 'run end');
  if (finishedAt !== null && finishedAt < startedAt) {
    throw new AppError('invalid-config', `run end ${finishedAt} is before its start ${startedAt}`);
  }
  const inputs = validateRunInputIds(input.inputs ?? []);
  const info = input.info === undefined ? undefined : validateRunInfo(input.info);
  return {
    id: input.id === undefined ? validateRunId(newId()) : validateRunId(input.id),
    project: validateProjectName(input.project),
    name: validateRunName(input.name),
    jobType: validateJobType(input.jobType),
    state,
    config: validateConfig(input.config ?? {}),
    startedAt,
    finishedAt,
    inputs,
    ...(info === undefined ? {} : { info }),
  };
}

/** Distinct version ids, in order; each must look like one (whether it is live is the store's check). */
function validateRunInputIds(ids: unknown): VersionId[] {
  if (!Array.isArray(ids)) throw new AppError('invalid-config', 'run inputs must be a list of version ids');
  const distinct = [...new Set(ids as readonly unknown[])];
  return distinct.map((id) => {
    if (typeof id !== 'string' || parseVersionId(id) === null) {
      throw new AppError('not-found', `run input ${typeof id === 'string' ? quoteForMessage(id) : typeof id} is not a version id ("project/name:vN")`);
    }
    return id as VersionId;
  });
}

/** A RunPatch checked on its own (before the run is read): inputs that look like version ids, valid info. */
export function validateRunPatch(patch: RunPatch): RunPatch {
  if (typeof patch !== 'object' || patch === null) throw new AppError('invalid-config', 'a run update must be an object');
  const out: RunPatch = {};
  if (patch.state !== undefined) out.state = validateRunState(patch.state);
  if (patch.finishedAt !== undefined) out.finishedAt = patch.finishedAt;
  if (patch.inputs !== undefined) out.inputs = validateRunInputIds(patch.inputs);
  if (patch.info !== undefined) out.info = validateRunInfo(patch.info);
  return out;
}

/** The run after a validated patch at `now`: end state and time by the domain rules, inputs added, info merged. */
export function applyRunPatch(run: RunRecord, patch: RunPatch, now: number): RunRecord {
  const { state, finishedAt } = nextRunEnd(run.id, run, patch, now);
  const added = (patch.inputs ?? []).filter((id) => !run.inputs.includes(id));
  const info = patch.info === undefined ? run.info : mergeRunInfo(run.info, patch.info);
  return { ...run, state, finishedAt, inputs: [...run.inputs, ...added], ...(info === undefined ? {} : { info }) };
}

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

export function missingBlobError(path: string, digest: string): AppError {
  return new AppError(
    'missing-blob',
    `the bytes of ${quoteForMessage(path)} (digest ${digest}) are not stored; upload the file before logging the version`,
    { details: { path, digest } },
  );
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

export function validatePage(page: { offset: number; limit: number }): { offset: number; limit: number } {
  for (const key of ['offset', 'limit'] as const) {
    const value = page[key];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new AppError('invalid-config', `page ${key} ${String(value)} must be a whole number ≥ 0`);
    }
  }
  return { offset: page.offset, limit: page.limit };
}

export function typeMismatchError(artifact: Pick<ArtifactRecord, 'id' | 'type'>, requestedType: string): AppError {
  return new AppError(
    'type-mismatch',
    `artifact ${quoteForMessage(artifact.id)} has type ${quoteForMessage(artifact.type)}; it cannot be logged as type ${quoteForMessage(requestedType)} (a name is unique within a project across types)`,
    { details: { artifactId: artifact.id, existingType: artifact.type, requestedType } },
  );
}

export function aliasHeldError(record: VersionRecord, aliases: readonly string[]): AppError {
  const list = aliases.map((a) => JSON.stringify(a)).join(', ');
  const noun = aliases.length === 1 ? 'the alias' : 'the aliases';
  const pronoun = aliases.length === 1 ? 'it' : 'them';
  return new AppError(
    'alias-held',
    `v${record.index} holds ${noun} ${list}; remove ${pronoun} first or delete with the aliases`,
    { details: { versionId: record.id, aliases: [...aliases] } },
  );
}

/** Several versions of a bulk delete hold aliases: one refusal naming each version and its aliases. */
export function aliasesHeldError(holding: readonly { record: VersionRecord; aliases: readonly string[] }[]): AppError {
  const parts = holding.map(({ record, aliases }) => `${record.artifactName}:v${record.index} holds ${aliases.map((a) => JSON.stringify(a)).join(', ')}`);
  return new AppError('alias-held', `${parts.join('; ')}; remove the aliases first or delete with the aliases`, {
    details: {
      versionIds: holding.map((h) => h.record.id),
      aliases: [...new Set(holding.flatMap((h) => h.aliases))],
      held: holding.map((h) => ({ versionId: h.record.id, aliases: [...h.aliases] })),
    },
  });
}

/** A version holding a protected alias cannot be deleted, even with its aliases. */
export function protectedAliasDeleteError(record: VersionRecord, alias: string): AppError {
  return new AppError(
    'alias-protected',
    `v${record.index} of ${quoteForMessage(record.artifactId)} holds the protected alias ${quoteForMessage(alias)}; move it or unprotect it before deleting the version`,
    { details: { versionId: record.id, alias } },
  );
}

export function artifactNotFound(id: string): AppError {
  return new AppError('not-found', `artifact ${quoteForMessage(id)} not found`, { details: { artifactId: id } });
}

export function projectNotFound(name: string): AppError {
  return new AppError('not-found', `project ${quoteForMessage(name)} not found`, { details: { project: name } });
}

export function versionNotFound(id: string, deleted: boolean): AppError {
  return new AppError('not-found', `version ${quoteForMessage(id)} ${deleted ? 'was deleted' : 'not found'}`, {
    details: { versionId: id, deleted },
  });
}

export function runNotFound(id: string): AppError {
  return new AppError('not-found', `run ${quoteForMessage(id)} not found`, { details: { runId: id } });
}

export type VersionRef = { kind: 'index'; index: number } | { kind: 'latest' } | { kind: 'alias'; alias: string };

/** `vN`, `latest` or an alias. */
export function parseVersionRef(ref: string): VersionRef {
  const match = /^v(\d+)$/.exec(ref);
  if (match?.[1] !== undefined) return { kind: 'index', index: Number(match[1]) };
  if (ref === LATEST) return { kind: 'latest' };
  return { kind: 'alias', alias: ref };
}

/** The ids of a version id, or not-found when it is not of the shape `project/name:vN`. */
export function splitVersionId(id: VersionId): { artifactId: ArtifactId; index: number } {
  const parts = parseVersionId(id);
  if (!parts) throw new AppError('not-found', `version ${quoteForMessage(id)} not found (a version id looks like "project/name:v3")`);
  return { artifactId: `${parts.project}/${parts.artifactName}` as ArtifactId, index: parts.index };
}

/** `latest` first, then the user aliases in the order given. */
/**
 * How a record keeps metadata: IndexedDB's structured clone and the S3 documents' JSON would
 * lose an ExactNumber's text, so metadata holding one is kept as exact JSON text as well.
 */
export function metadataRecordFields(metadata: JsonObject): Pick<VersionRecord, 'metadata' | 'metadataJson'> {
  if (!hasExactNumber(metadata)) return { metadata, metadataJson: undefined };
  const metadataJson = stringifyExactJson(metadata);
  return { metadata: JSON.parse(metadataJson) as JsonObject, metadataJson };
}

/** The metadata a record holds, numbers exactly as written. */
export function metadataOfRecord(record: Pick<VersionRecord, 'metadata' | 'metadataJson'>): JsonObject {
  if (record.metadataJson === undefined) return record.metadata;
  return parseExactJson(record.metadataJson, 'stored metadata', 'internal') as JsonObject;
}

export function aliasesForDisplay(userAliases: readonly string[], isLatest: boolean): string[] {
  return isLatest ? [LATEST, ...userAliases] : [...userAliases];
}

export function toArtifactVersion(record: VersionRecord, userAliases: readonly string[], latestIndex: number | null): ArtifactVersion {
  return {
    id: record.id,
    artifactId: record.artifactId,
    project: record.project,
    artifactName: record.artifactName,
    type: record.type,
    index: record.index,
    digest: record.digest,
    size: record.size,
    fileCount: record.fileCount,
    createdAt: record.createdAt,
    description: record.description,
    metadata: metadataOfRecord(record),
    tags: [...record.tags],
    aliases: aliasesForDisplay(userAliases, record.index === latestIndex),
    producedBy: record.producedBy,
    ttlSeconds: record.ttlSeconds,
  };
}

/** `latest` is the live version with the greatest index. */
export function latestIndexOf(versions: readonly Pick<VersionRecord, 'index'>[]): number | null {
  let latest: number | null = null;
  for (const v of versions) if (latest === null || v.index > latest) latest = v.index;
  return latest;
}

export const EMPTY_SUMMARY: Readonly<ArtifactSummary> = { versionCount: 0, totalSize: 0, latestIndex: null };

/** The summary of an artifact with these live versions (what ArtifactRecord.summary must hold). */
export function summariseVersions(liveVersions: readonly Pick<VersionRecord, 'index' | 'size'>[]): ArtifactSummary {
  let totalSize = 0;
  for (const v of liveVersions) totalSize += v.size;
  return { versionCount: liveVersions.length, totalSize, latestIndex: latestIndexOf(liveVersions) };
}

/** The summary after adding a new version, which is always the newest (indices only grow). */
export function summaryWithVersion(summary: ArtifactSummary, version: Pick<VersionRecord, 'index' | 'size'>): ArtifactSummary {
  return { versionCount: summary.versionCount + 1, totalSize: summary.totalSize + version.size, latestIndex: version.index };
}

export function toArtifact(record: ArtifactRecord): Artifact {
  const { versionCount, totalSize, latestIndex } = record.summary;
  return {
    id: record.id,
    project: record.project,
    name: record.name,
    type: record.type,
    description: record.description,
    createdAt: record.createdAt,
    versionCount,
    totalSize,
    latestIndex,
    nextIndex: record.nextIndex,
    protectedAliases: [...(record.protectedAliases ?? [])],
  };
}

/** String bounds that enclose every artifact id of a project (names never contain "/", and "0" follows "/"). */
export function projectIdBounds(project: string): { lower: string; upper: string } {
  return { lower: `${project}/`, upper: `${project}0` };
}

/**
 * Input validation every adapter runs before it touches storage: commit inputs, patches, run
 * inputs, pages, version references and ids. Plain data in, cleaned data or AppError out.
 */
import { AppError } from '../domain/errors';
import { normaliseEntries } from '../domain/manifest';
import { quoteForMessage, refuseFileFolderClash } from '../domain/paths';
import { mergeRunInfo, nextRunEnd, validateRunInfo, validateRunState } from '../domain/run-rules';
import type { ArtifactId, JsonObject, ManifestEntry, RunId, VersionId } from '../domain/types';
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
import { LATEST } from './record-mappers';
import type { RunRecord } from './records';

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

export function validatePage(page: { offset: number; limit: number }): { offset: number; limit: number } {
  for (const key of ['offset', 'limit'] as const) {
    const value = page[key];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new AppError('invalid-config', `page ${key} ${String(value)} must be a whole number ≥ 0`);
    }
  }
  return { offset: page.offset, limit: page.limit };
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

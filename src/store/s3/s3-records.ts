/**
 * The JSON documents the S3 adapter keeps in the bucket, validated with zod when read (another
 * client, or a newer release, may have written them). Every document but aliases.json, whose
 * shape is the plain `{"latest": N, "alias": M}` map, carries `schemaVersion`.
 */
import './zod-jitless';
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import { RUN_STATES } from '../../domain/run-rules';
import type { JsonObject, RunId, VersionId } from '../../domain/types';
import { artifactIdOf, versionIdOf } from '../../domain/types';
import type { ArtifactRecord, RunRecord, VersionRecord } from '../records';
import { summariseVersions } from '../record-mappers';

export const S3_SCHEMA_VERSION = 1;

const schemaVersion = z.number().int().min(1);
const jsonObject = z.record(z.string(), z.json()) as unknown as z.ZodType<JsonObject>;

export const projectDoc = z.looseObject({ schemaVersion, name: z.string(), createdAt: z.number() });
export type ProjectDoc = z.infer<typeof projectDoc>;

/**
 * Optional per-artifact settings (description, protected aliases); the artifact itself exists as soon as v0.json does, and its
 * type and creation time are v0's (the first record claims the type for every later one).
 */
export const artifactDoc = z.looseObject({
  schemaVersion,
  description: z.string().optional(),
  /** Alias names that need confirmation to move or remove and block deleting their version; sorted. */
  protectedAliases: z.array(z.string()).optional(),
});
export type ArtifactDoc = z.infer<typeof artifactDoc>;

/**
 * A version record. Deleting a version turns it into a tombstone (same fields plus `deleted`),
 * so its number is never handed out again and v0 keeps the artifact's type.
 */
export const versionDoc = z.looseObject({
  schemaVersion,
  index: z.number().int().min(0),
  type: z.string(),
  digest: z.string(),
  size: z.number(),
  fileCount: z.number().int(),
  createdAt: z.number(),
  description: z.string(),
  metadata: jsonObject,
  /** Exact metadata text when it holds numbers JS cannot keep as written (store-rules metadataRecordFields). */
  metadataJson: z.string().optional(),
  tags: z.array(z.string()),
  producedBy: z.string().nullable(),
  ttlSeconds: z.number().nullable(),
  /** Random per commit: tells a writer whether a 412 on vN hides its own earlier, lost success. */
  commitId: z.string(),
  deleted: z.boolean().optional(),
  deletedAt: z.number().optional(),
});
export type VersionDoc = z.infer<typeof versionDoc>;

export function isTombstone(doc: VersionDoc): boolean {
  return doc.deleted === true;
}

/** `{"latest": 3, "prod": 1}`: alias → version index. */
export const aliasesDoc = z.record(z.string(), z.number().int().min(0));
export type AliasesDoc = z.infer<typeof aliasesDoc>;

export const indexDoc = z.looseObject({
  schemaVersion,
  /** version index → the record and the ETag it had when cached. */
  versions: z.record(z.string(), z.object({ etag: z.string(), doc: versionDoc })),
});
export type IndexDoc = z.infer<typeof indexDoc>;

export const aliasEventDoc = z.looseObject({
  schemaVersion,
  alias: z.string(),
  action: z.enum(['add', 'move', 'remove']),
  fromIndex: z.number().int().nullable(),
  toIndex: z.number().int().nullable(),
  at: z.number(),
});
export type AliasEventDoc = z.infer<typeof aliasEventDoc>;

export const runDoc = z.looseObject({
  schemaVersion,
  id: z.string(),
  project: z.string(),
  name: z.string(),
  jobType: z.string(),
  state: z.enum(RUN_STATES),
  config: jsonObject,
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  inputs: z.array(z.string()),
  /** Where and how it ran (written by the CLI); absent on runs recorded by hand. */
  info: z
    .object({
      command: z.array(z.string()).readonly().optional(),
      host: z.string().optional(),
      cwd: z.string().optional(),
      gitCommit: z.string().optional(),
      exitCode: z.number().int().nullable().optional(),
      actor: z.string().optional(),
    })
    .optional(),
});
export type RunDoc = z.infer<typeof runDoc>;

export const runIdDoc = z.looseObject({ schemaVersion, project: z.string() });

/** Parses a document read from `key`; refuses newer schema versions and malformed JSON with a clear error. */
export function parseDoc<T>(schema: z.ZodType<T>, text: string, key: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AppError('internal', `${key} is not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (typeof raw === 'object' && raw !== null && 'schemaVersion' in raw) {
    const version = raw.schemaVersion;
    if (typeof version === 'number' && version > S3_SCHEMA_VERSION) {
      throw new AppError(
        'schema-too-new',
        `${key} was written by a newer Artifact Studio (schema ${version}; this one reads ${S3_SCHEMA_VERSION}); update the app`,
        { details: { key, schemaVersion: version } },
      );
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new AppError('internal', `${key} is malformed: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function toVersionRecord(project: string, artifactName: string, doc: VersionDoc): VersionRecord {
  return {
    id: versionIdOf(project, artifactName, doc.index),
    artifactId: artifactIdOf(project, artifactName),
    project,
    artifactName,
    type: doc.type,
    index: doc.index,
    digest: doc.digest,
    size: doc.size,
    fileCount: doc.fileCount,
    chunkCount: 0,
    createdAt: doc.createdAt,
    description: doc.description,
    metadata: doc.metadata,
    metadataJson: doc.metadataJson,
    tags: [...doc.tags],
    producedBy: doc.producedBy as RunId | null,
    ttlSeconds: doc.ttlSeconds,
  };
}

export function toArtifactRecord(
  project: string,
  name: string,
  first: Pick<VersionDoc, 'type' | 'createdAt'>,
  settings: ArtifactDoc | null,
  nextIndex: number,
  live: readonly Pick<VersionRecord, 'index' | 'size'>[],
): ArtifactRecord {
  return {
    id: artifactIdOf(project, name),
    project,
    name,
    type: first.type,
    description: settings?.description ?? '',
    createdAt: first.createdAt,
    nextIndex,
    protectedAliases: [...(settings?.protectedAliases ?? [])],
    summary: summariseVersions(live),
  };
}

export function toRunRecord(doc: RunDoc): RunRecord {
  return {
    id: doc.id as RunId,
    project: doc.project,
    name: doc.name,
    jobType: doc.jobType,
    state: doc.state,
    config: doc.config,
    startedAt: doc.startedAt,
    finishedAt: doc.finishedAt,
    inputs: doc.inputs as VersionId[],
    ...(doc.info === undefined ? {} : { info: doc.info }),
  };
}


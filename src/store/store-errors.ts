/**
 * The errors every adapter raises for the same situations, so that the memory, IndexedDB, S3
 * and folder stores refuse with the same codes, texts and details.
 */
import { AppError } from '../domain/errors';
import { quoteForMessage } from '../domain/paths';
import type { ArtifactRecord, VersionRecord } from './records';

export function missingBlobError(path: string, digest: string): AppError {
  return new AppError(
    'missing-blob',
    `the bytes of ${quoteForMessage(path)} (digest ${digest}) are not stored; upload the file before logging the version`,
    { details: { path, digest } },
  );
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

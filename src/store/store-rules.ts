/**
 * The rules and messages both store implementations apply the same way (record-store.ts for
 * IndexedDB and memory, s3/s3-store.ts for buckets and folders): run ids, the refusals of a
 * delete, alias protection, the version patch and the texts of the errors they share. Plain
 * data in and out; the stores read and write.
 */
import { AppError } from '../domain/errors';
import { quoteForMessage } from '../domain/paths';
import type { VersionPatch } from './artifact-store';
import type { VersionRecord } from './records';
import { metadataRecordFields } from './record-mappers';
import { aliasesHeldError, aliasHeldError, protectedAliasDeleteError } from './store-errors';

/** A new run's id, W&B-style: 8 lowercase base-36 characters. */
export function defaultRunId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

/** A version record with a validated patch applied (the fields it leaves out stay as they are). */
export function patchedVersion<R extends Pick<VersionRecord, 'description' | 'metadata' | 'metadataJson' | 'tags' | 'ttlSeconds'>>(
  record: R,
  patch: VersionPatch,
): R {
  return {
    ...record,
    ...(patch.description === undefined ? {} : { description: patch.description }),
    ...(patch.metadata === undefined ? {} : metadataRecordFields(patch.metadata)),
    ...(patch.tags === undefined ? {} : { tags: patch.tags }),
    ...(patch.ttlSeconds === undefined ? {} : { ttlSeconds: patch.ttlSeconds }),
  };
}

/** An artifact's protected aliases after protecting or unprotecting `alias` (kept sorted). */
export function withProtection(protectedAliases: readonly string[] | undefined, alias: string, isProtected: boolean): string[] {
  const others = (protectedAliases ?? []).filter((a) => a !== alias);
  return isProtected ? [...others, alias].sort() : others;
}

/** A version about to be deleted, with the user aliases it holds and its artifact's protected ones. */
export interface DeleteTarget {
  record: VersionRecord;
  aliases: readonly string[];
  protectedAliases: readonly string[];
}

/**
 * The refusals of a delete, before anything is deleted: a protected alias always, other aliases
 * unless `dropAliases` (one refusal naming every version and alias of a bulk delete).
 */
export function refuseAliasHolders(targets: readonly DeleteTarget[], dropAliases: boolean): void {
  for (const { record, aliases, protectedAliases } of targets) {
    const blocked = aliases.find((alias) => protectedAliases.includes(alias));
    if (blocked !== undefined) throw protectedAliasDeleteError(record, blocked);
  }
  if (dropAliases) return;
  const holding = targets.filter((t) => t.aliases.length > 0);
  const first = holding[0];
  if (first && holding.length === 1 && targets.length === 1) throw aliasHeldError(first.record, first.aliases);
  if (first) throw aliasesHeldError(holding);
}

/** deleteRun's `outputs` option, checked. */
export function validRunOutputs(outputs: unknown): 'keep' | 'delete' {
  if (outputs !== 'keep' && outputs !== 'delete') {
    throw new AppError('invalid-config', `outputs ${quoteForMessage(String(outputs))} must be "keep" or "delete"`);
  }
  return outputs;
}

/** expireVersions' clock, checked. */
export function validExpiryTime(now: unknown): number {
  if (typeof now !== 'number' || Number.isNaN(now)) throw new AppError('invalid-config', `now ${String(now)} must be a time in milliseconds`);
  return now;
}

/** putBlobs stopped by its signal. */
export function putCancelledError(written: number, total: number): AppError {
  return new AppError(
    'cancelled',
    `Storing the files was cancelled after ${written} of ${total} bytes; what was stored stays staged until garbage collection`,
    { details: { bytesWritten: written, bytesTotal: total } },
  );
}

export function noVersionOrAliasError(artifactId: string, ref: string): AppError {
  return new AppError('not-found', `artifact ${quoteForMessage(artifactId)} has no live version or alias ${quoteForMessage(ref)}`, {
    details: { artifactId, ref },
  });
}

export function noAliasError(artifactId: string, alias: string): AppError {
  return new AppError('not-found', `artifact ${quoteForMessage(artifactId)} has no alias ${quoteForMessage(alias)}`, {
    details: { artifactId, alias },
  });
}

export function noBlobBytesError(digest: string): AppError {
  return new AppError('not-found', `no bytes are stored for digest ${quoteForMessage(digest)}`, { details: { digest } });
}

export function runInputNotLiveError(versionId: string): AppError {
  return new AppError('not-found', `run input ${quoteForMessage(versionId)} is not a live version`, { details: { versionId } });
}

export function runExistsError(runId: string): AppError {
  return new AppError('conflict', `a run with id ${quoteForMessage(runId)} already exists`, { details: { runId } });
}

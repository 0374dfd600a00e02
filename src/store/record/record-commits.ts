/**
 * Creating and deleting versions in the record store: a commit is one transaction that checks
 * the blobs, writes the version, its manifest chunks and aliases; deletes and TTL expiry free
 * what the versions used.
 */
import { expiredVersions } from '../../domain/aliases';
import { artifactDigest } from '../../domain/digest';
import type {
  VersionId
} from '../../domain/types';
import { artifactIdOf, versionIdOf } from '../../domain/types';
import type {
  DeleteOptions, ExpiryResult, CommitInput,
  CommitResult
} from '../artifact-store';
import type { VersionRecord } from '../records';
import { onlyKey } from '../record-backend';
import { summaryWithVersion, metadataRecordFields, EMPTY_SUMMARY } from '../record-mappers';
import { blobDigestsOf, manifestTotals, toManifestChunks, withBlobSizes } from '../manifest-chunks';
import { missingBlobError, runNotFound, typeMismatchError } from '../store-errors';
import { validateCommitInput } from '../store-validation';
import { validExpiryTime } from '../store-rules';
import { moveAliasIn } from './record-aliases';
import type { RecordContext } from './record-context';
import { deleteVersionsIn } from './record-deletes';
import { getBlobsIn } from './record-refs';
import { COMMIT_STORES, ensureProjectIn, toVersionIn, DELETE_STORES, getVersionRecordIn } from './record-tx';

// Commit and delete

export async function commitVersion(ctx: RecordContext, input: CommitInput): Promise<CommitResult> {
  const valid = validateCommitInput(input);
  const digest = await artifactDigest(valid.entries);
  // Missing blobs are refused inside the transaction (a read before it would only repeat that check).
  const blobPaths = blobDigestsOf(valid.entries);
  const artifactId = artifactIdOf(valid.project, valid.artifactName);

  const result = await ctx.write(COMMIT_STORES, async (tx): Promise<CommitResult> => {
    const at = ctx.now();
    await ensureProjectIn(tx, valid.project, at);
    const artifact = (await tx.get('artifacts', artifactId)) ?? {
      id: artifactId,
      project: valid.project,
      name: valid.artifactName,
      type: valid.type,
      description: '',
      createdAt: at,
      nextIndex: 0,
      summary: EMPTY_SUMMARY,
    };
    if (artifact.type !== valid.type) throw typeMismatchError(artifact, valid.type);
    if (valid.producedBy !== null && !(await tx.get('runs', valid.producedBy))) throw runNotFound(valid.producedBy);

    const same = (await tx.getAllFromIndex('versions', 'byDigest', onlyKey([artifactId, digest])))[0];
    if (same) {
      for (const alias of valid.aliases) await moveAliasIn(tx, artifact, alias, same.index, at);
      return { version: await toVersionIn(tx, same), created: false };
    }

    const index = artifact.nextIndex;
    const versionId = versionIdOf(valid.project, valid.artifactName, index);

    const { found: blobRecords } = await getBlobsIn(tx, [...blobPaths.keys()]);
    const sizes = new Map<string, number>();
    for (const [d, path] of blobPaths) {
      const blob = blobRecords.get(d);
      if (!blob?.complete) throw missingBlobError(path, d);
      sizes.set(d, blob.size);
    }
    const entries = withBlobSizes(valid.entries, sizes);
    const chunks = toManifestChunks(versionId, entries);
    const totals = manifestTotals(entries);
    const record: VersionRecord = {
      id: versionId,
      artifactId,
      project: valid.project,
      artifactName: valid.artifactName,
      type: valid.type,
      index,
      digest,
      size: totals.size,
      fileCount: totals.fileCount,
      chunkCount: chunks.length,
      createdAt: at,
      description: valid.description,
      ...metadataRecordFields(valid.metadata),
      tags: valid.tags,
      producedBy: valid.producedBy,
      ttlSeconds: valid.ttlSeconds,
    };
    await Promise.all([
      tx.put('artifacts', { ...artifact, nextIndex: index + 1, summary: summaryWithVersion(artifact.summary, record) }),
      // Its blob references are counted later (countRefsSoon): rewriting every blob record
      // here took most of a second for 10,000 files.
      tx.put('pendingRefs', { versionId }),
      ...chunks.map((c) => tx.put('manifestChunks', c)),
      tx.put('versions', record),
    ]);
    for (const alias of valid.aliases) await moveAliasIn(tx, artifact, alias, index, at);
    ctx.hooks.afterCommitWrites?.(versionId);
    return { version: await toVersionIn(tx, record), created: true };
  });
  if (result.created) ctx.countRefsSoon();
  return result;
}

export async function deleteVersions(ctx: RecordContext, ids: readonly VersionId[], options: DeleteOptions = {}): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  await ctx.write(DELETE_STORES, async (tx) => {
    const records = [];
    for (const id of unique) records.push(await getVersionRecordIn(tx, id));
    await deleteVersionsIn(tx, records, options.dropAliases === true, ctx.now());
  });
}

export async function expireVersions(ctx: RecordContext, options: { now?: number } = {}): Promise<ExpiryResult> {
  const now = validExpiryTime(options.now ?? ctx.now());
  return ctx.write(DELETE_STORES, async (tx) => {
    // Versions without a TTL are the norm: scan records, not manifests.
    const expired = expiredVersions(await tx.getAll('versions'), now);
    const deleted: VersionRecord[] = [];
    const kept: ExpiryResult['kept'] = [];
    for (const record of expired) {
      const held = await tx.getAllFromIndex('aliases', 'byVersion', onlyKey([record.artifactId, record.index]));
      if (held.length > 0) kept.push({ versionId: record.id, aliases: held.map((a) => a.alias) });
      else deleted.push(record);
    }
    await deleteVersionsIn(tx, deleted, false, now);
    return { deleted: deleted.map((v) => v.id), kept };
  });
}

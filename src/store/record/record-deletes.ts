/**
 * Deleting versions inside one transaction: the refusals, the aliases they held, their manifests,
 * the blobs whose last reference goes, and the artifacts' summaries.
 */
import type {
  ArtifactId
} from '../../domain/types';
import type { ArtifactRecord, BlobRecord, VersionRecord } from '../records';
import type { RecordTx } from '../record-backend';
import { onlyKey, prefixRange } from '../record-backend';
import { refuseAliasHolders } from '../store-rules';
import { countPendingRefsIn, usedBlobsIn, getBlobsIn, deleteBlobsIn } from './record-refs';
import { latestIndexIn } from './record-tx';

/**
 * Deletes live versions in one transaction: refuses protected aliases always and other aliases
 * unless `dropAliases` (one refusal naming every version and alias), then frees the blobs whose
 * last reference goes. Versions are handled one after another so shared blobs count right.
 */
export async function deleteVersionsIn(tx: RecordTx, records: readonly VersionRecord[], dropAliases: boolean, at: number): Promise<void> {
  await countPendingRefsIn(tx);
  const held = await Promise.all(records.map((r) => tx.getAllFromIndex('aliases', 'byVersion', onlyKey([r.artifactId, r.index]))));
  const artifactIds = [...new Set(records.map((r) => r.artifactId))];
  const artifacts = new Map((await Promise.all(artifactIds.map((a) => tx.get('artifacts', a)))).flatMap((a) => (a ? [[a.id, a] as const] : [])));
  refuseAliasHolders(
    records.map((record, i) => ({
      record,
      aliases: (held[i] ?? []).map((a) => a.alias),
      protectedAliases: artifacts.get(record.artifactId)?.protectedAliases ?? [],
    })),
    dropAliases,
  );
  for (const [i, record] of records.entries()) {
    for (const a of held[i] ?? []) {
      await tx.delete('aliases', [a.artifactId, a.alias]);
      await tx.put('aliasEvents', { artifactId: a.artifactId, alias: a.alias, action: 'remove', fromIndex: a.index, toIndex: null, at });
    }
    const digests = await usedBlobsIn(tx, record.id);
    await tx.deleteRange('manifestChunks', prefixRange([record.id]));
    await tx.delete('versions', record.id);
    const blobs = await getBlobsIn(tx, digests);
    const freed: BlobRecord[] = [];
    const kept: Promise<void>[] = [];
    for (const b of blobs.found.values()) {
      if (b.refCount > 1) kept.push(tx.put('blobs', { ...b, refCount: b.refCount - 1 }));
      else freed.push(b);
    }
    await Promise.all([...kept, deleteBlobsIn(tx, freed, blobs.all)]);
  }
  await updateSummariesAfterDelete(tx, artifacts, records);
}

/** Takes deleted versions out of their artifacts' summaries (in the deleting transaction). */
export async function updateSummariesAfterDelete(
  tx: RecordTx,
  artifacts: ReadonlyMap<ArtifactId, ArtifactRecord>,
  deleted: readonly VersionRecord[],
): Promise<void> {
  const next = new Map<ArtifactId, ArtifactRecord>();
  for (const record of deleted) {
    const artifact = next.get(record.artifactId) ?? artifacts.get(record.artifactId);
    if (!artifact) continue;
    const { versionCount, totalSize, latestIndex } = artifact.summary;
    next.set(artifact.id, { ...artifact, summary: { versionCount: versionCount - 1, totalSize: totalSize - record.size, latestIndex } });
  }
  await Promise.all(
    [...next.values()].map(async (artifact) => {
      // The newest version may have gone: ask the index for the newest that is left.
      const latestIndex = await latestIndexIn(tx, artifact.id);
      await tx.put('artifacts', { ...artifact, summary: { ...artifact.summary, latestIndex } });
    }),
  );
}

/** Maintenance of the record store: storage accounting, garbage collection and the integrity check. */
import { accountStorage } from '../../domain/aliases';
import type {
  ArtifactId
} from '../../domain/types';
import type {
  StorageUsage, GcResult,
  IntegrityReport, GcOptions
} from '../artifact-store';
import type { BlobRecord, VersionRecord } from '../records';
import { STORE_NAMES } from '../idb/schema';
import { findIntegrityProblems } from '../integrity';
import { onlyKey } from '../record-backend';
import { validGcOptions } from '../store-validation';
import type { RecordContext } from './record-context';
import { pendingUsesIn, usedBlobsIn, countPendingRefsIn, getBlobsIn, deleteBlobsIn } from './record-refs';
import { requireProject, GC_STORES, REF_STORES } from './record-tx';

export async function storageUsage(ctx: RecordContext, project: string): Promise<StorageUsage> {
  return ctx.read(['projects', 'versions', 'manifestChunks', 'blobs', 'pendingRefs'], async (tx) => {
    await requireProject(tx, project);
    const pending = await pendingUsesIn(tx);
    const versions = await tx.getAllFromIndex('versions', 'byProject', onlyKey(project));
    const inputs = await Promise.all(
      versions.map(async (v) => ({ id: v.id, group: v.artifactId, size: v.size, blobs: await usedBlobsIn(tx, v.id) })),
    );
    const digests = [...new Set(inputs.flatMap((v) => v.blobs))];
    const [blobs, all] = await Promise.all([Promise.all(digests.map((d) => tx.get('blobs', d))), tx.getAll('blobs')]);
    const size = new Map<string, number>();
    const refs = new Map<string, number>();
    const refCount = (b: BlobRecord) => b.refCount + (pending.uses.get(b.digest) ?? 0);
    for (const b of blobs) {
      if (!b) continue;
      size.set(b.digest, b.size);
      refs.set(b.digest, refCount(b));
    }
    const account = accountStorage(inputs, size, refs);
    const byArtifact = new Map<ArtifactId, VersionRecord[]>();
    for (const v of versions) byArtifact.set(v.artifactId, [...(byArtifact.get(v.artifactId) ?? []), v]);
    const artifacts = [...byArtifact.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([artifactId, list]) => ({
        artifactId,
        logicalBytes: account.groups.get(artifactId)?.logicalBytes ?? 0,
        storedBytes: account.groups.get(artifactId)?.storedBytes ?? 0,
        versions: list
          .sort((a, b) => b.index - a.index)
          .map((v) => ({ versionId: v.id, index: v.index, logicalBytes: v.size, freedBytes: account.freedBytes.get(v.id) ?? 0 })),
      }));
    const stagedBytes = all.filter((b) => refCount(b) === 0).reduce((sum, b) => sum + b.size, 0);
    return { project, logicalBytes: account.logicalBytes, storedBytes: account.storedBytes, artifacts, stagedBytes };
  });
}

// Maintenance

export async function collectGarbage(ctx: RecordContext, options: GcOptions): Promise<GcResult> {
  const { stagedBefore, digests } = validGcOptions(options);
  return ctx.write(GC_STORES, async (tx) => {
    await countPendingRefsIn(tx);
    const { found, all } = digests ? await getBlobsIn(tx, [...new Set(digests)]) : { found: null, all: null };
    const candidates = found ? [...found.values()] : await tx.getAll('blobs');
    const doomed = candidates.filter((b) => b.refCount === 0 && b.stagedAt < stagedBefore);
    await deleteBlobsIn(tx, doomed, found ? all : candidates.map((b) => b.digest));
    return { freedBlobs: doomed.length, freedBytes: doomed.reduce((sum, b) => sum + b.size, 0) };
  });
}

export async function checkIntegrity(ctx: RecordContext): Promise<IntegrityReport> {
  // Counted first, so that the check sees the counts at rest (and checks the counting too).
  await ctx.write(REF_STORES, countPendingRefsIn);
  const snapshot = await ctx.read(STORE_NAMES, async (tx) => {
    const [projects, artifacts, versions, manifestChunks, blobs, blobChunkKeys, packs, aliases, runs, pendingRefs] = await Promise.all([
      tx.getAll('projects'),
      tx.getAll('artifacts'),
      tx.getAll('versions'),
      tx.getAll('manifestChunks'),
      tx.getAll('blobs'),
      tx.getAllKeys('blobChunks'),
      tx.getAll('packs'), // Blob handles: the bytes are not read
      tx.getAll('aliases'),
      tx.getAll('runs'),
      tx.getAllKeys('pendingRefs'), // another tab may have committed since the count
    ]);
    const packSizes = packs.map((p) => ({ id: p.id, size: p.data.size, members: p.members }));
    return { projects, artifacts, versions, manifestChunks, blobs, blobChunkKeys, packs: packSizes, aliases, runs, pendingRefs };
  });
  const problems = findIntegrityProblems(snapshot);
  return { ok: problems.length === 0, problems };
}

/**
 * Integrity check and garbage collection for the S3 store. The integrity check rebuilds the
 * record snapshot that the shared `findIntegrityProblems` takes (so the invariants are written
 * once) and adds the bucket's own: version numbers without gaps, one type per artifact,
 * manifests present and matching their artifact digest, `latest` in aliases.json on a live
 * version.
 */
import { accountStorage } from '../../domain/aliases';
import { artifactDigest } from '../../domain/digest';
import type { ArtifactId, VersionId } from '../../domain/types';
import { artifactIdOf, versionIdOf } from '../../domain/types';
import type { ArtifactStorage, GcResult, StorageUsage } from '../artifact-store';
import type { AliasRecord, ArtifactRecord, BlobRecord, ManifestChunkRecord, ProjectRecord, VersionRecord } from '../records';
import { BLOB_CHUNK_BYTES } from '../records';
import type { IntegritySnapshot } from '../integrity';
import type { ListResult } from './object-client';
import { findIntegrityProblems } from '../integrity';
import { LATEST } from '../record-mappers';
import { blobDigestsOf, chunkEntries } from '../manifest-chunks';
import { deleteUnreferenced, NOTE_LIFETIME_MS, scanReferences } from './s3-deletions';
import { hexToDigest } from './s3-layout';
import { toArtifactRecord } from './s3-records';
import type { MaintenanceContext } from './s3-context';
import { mapLimit } from './s3-util';

export async function checkS3Integrity(store: MaintenanceContext): Promise<string[]> {
  const problems: string[] = [];
  const [states, projects, blobListing] = await Promise.all([
    store.catalog.allStates(),
    store.catalog.listProjects(),
    store.client.list(store.layout.blobsPrefix),
  ]);
  const runs = (await mapLimit(projects, 2, (p) => store.catalog.readRuns(p.name))).flat();
  const blobSizes = new Map<string, number>();
  for (const o of blobListing.objects) {
    const digest = hexToDigest(o.key.slice(store.layout.blobsPrefix.length));
    if (digest === null) problems.push(`blob key ${o.key} is not an md5`);
    else blobSizes.set(digest, o.size);
  }
  const manifests = await store.catalog.manifestsOf(states.flatMap((s) => s.live.map((r) => r.digest)));

  const artifacts: ArtifactRecord[] = [];
  const versions: VersionRecord[] = [];
  const manifestChunks: ManifestChunkRecord[] = [];
  const aliases: AliasRecord[] = [];
  const uses = new Map<string, number>();
  for (const s of states) {
    const artifactId = artifactIdOf(s.project, s.name);
    const first = s.entries.get(0);
    for (let i = 0; i < s.nextIndex; i++) {
      const entry = s.entries.get(i);
      if (!entry) problems.push(`artifact ${artifactId}: version record v${i} is missing (version numbers must have no gaps)`);
      else if (entry.doc.index !== i) problems.push(`artifact ${artifactId}: versions/v${i}.json says it is v${entry.doc.index}`);
      else if (first && entry.doc.type !== first.doc.type) problems.push(`artifact ${artifactId}: v${i} (also deleted ones) has type ${entry.doc.type}, v0 has ${first.doc.type}`);
    }
    if (first) artifacts.push(toArtifactRecord(s.project, s.name, first.doc, s.settings, s.nextIndex, s.live));
    const latest = s.aliases[LATEST];
    if (latest !== undefined && !s.live.some((r) => r.index === latest)) {
      problems.push(`artifact ${artifactId}: aliases.json puts latest on v${latest}, which is not a live version`);
    }
    for (const [alias, index] of Object.entries(s.aliases)) {
      if (alias !== LATEST) aliases.push({ artifactId, alias, index });
    }
    for (const record of s.live) {
      const entries = manifests.get(record.digest) ?? null;
      if (entries === null) {
        problems.push(`version ${record.id}: its manifest manifests/${record.digest}.json is missing or unreadable`);
        versions.push({ ...record, chunkCount: 0 });
        continue;
      }
      const actual = await artifactDigest(entries);
      if (actual !== record.digest) problems.push(`version ${record.id}: its manifest hashes to ${actual}, not its digest ${record.digest}`);
      const chunks = chunkEntries(entries);
      versions.push({ ...record, chunkCount: chunks.length });
      chunks.forEach((c, chunkNo) => manifestChunks.push({ versionId: versionIdOf(s.project, s.name, record.index), chunkNo, entries: c }));
      for (const digest of blobDigestsOf(entries).keys()) uses.set(digest, (uses.get(digest) ?? 0) + 1);
    }
  }
  // A blob object is immutable and whole once it exists; its reference count is what versions use.
  const blobs: BlobRecord[] = [];
  const blobChunkKeys: [string, number][] = [];
  for (const [digest, size] of blobSizes) {
    const chunkCount = Math.ceil(size / BLOB_CHUNK_BYTES);
    blobs.push({ digest, size, refCount: uses.get(digest) ?? 0, stagedAt: 0, chunkCount, complete: true });
    for (let i = 0; i < chunkCount; i++) blobChunkKeys.push([digest, i]);
  }
  const snapshot: IntegritySnapshot = {
    projects: projects satisfies ProjectRecord[],
    artifacts,
    versions,
    manifestChunks,
    blobs,
    blobChunkKeys,
    packs: [],
    pendingRefs: [], // S3 counts uses when it checks, from the manifests
    aliases,
    runs: runs.map((r) => ({ ...r, inputs: [...r.inputs] })),
  };
  return [...problems, ...findIntegrityProblems(snapshot)];
}

/**
 * Deletes blobs that no live version references and whose staging time (`x-amz-meta-staged-at`,
 * refreshed when staged again) is before `stagedBefore`, unreferenced manifests last written
 * before it, and deletion notes older than an hour. Uses the deletion-note protocol, so
 * concurrent commits stay safe. With `only`, just those blobs (what one upload staged).
 */
export async function collectS3Garbage(store: MaintenanceContext, stagedBefore: number, only?: ReadonlySet<string>): Promise<GcResult> {
  const references = await scanReferences(store);
  // With `only`, manifests, probes and notes are left alone: no need to list them.
  const listUnlessOnly = (prefix: string): Promise<ListResult> => (only ? Promise.resolve({ objects: [], prefixes: [] }) : store.client.list(prefix));
  const [blobListing, manifestListing, probeListing, noteListing] = await Promise.all([
    store.client.list(store.layout.blobsPrefix),
    listUnlessOnly(store.layout.manifestsPrefix),
    listUnlessOnly(store.layout.probePrefix),
    listUnlessOnly(store.layout.deletionsPrefix),
  ]);
  const unreferenced = blobListing.objects
    .map((o) => ({ key: o.key, size: o.size, lastModified: o.lastModified, digest: hexToDigest(o.key.slice(store.layout.blobsPrefix.length)) }))
    .filter((o): o is typeof o & { digest: string } => o.digest !== null && !references.blobs.has(o.digest) && (!only || only.has(o.digest)));
  const staged = await mapLimit(unreferenced, store.concurrency, async (o) => {
    const head = await store.client.head(o.key);
    return head !== null && (head.stagedAt ?? head.lastModified) < stagedBefore ? o : null;
  });
  const blobs = new Map<string, number>();
  for (const o of staged) if (o !== null) blobs.set(o.digest, o.size);
  const manifests = manifestListing.objects
    .map((o) => ({ digest: o.key.slice(store.layout.manifestsPrefix.length).replace(/\.json$/, ''), lastModified: o.lastModified }))
    .filter((o) => !references.liveDigests.has(o.digest) && o.lastModified < stagedBefore)
    .map((o) => o.digest);
  const freed = await deleteUnreferenced(store, { blobs, manifests }, references);

  const notesBefore = Date.now() - NOTE_LIFETIME_MS;
  const leftovers = [...probeListing.objects.filter((o) => o.lastModified < stagedBefore), ...noteListing.objects.filter((o) => o.lastModified < notesBefore)];
  await mapLimit(leftovers, store.concurrency, (o) => store.client.delete(o.key));
  return { freedBlobs: freed.blobs.length, freedBytes: freed.blobs.reduce((sum, [, size]) => sum + size, 0) };
}

/**
 * Logical bytes (version sizes) against stored bytes (distinct blobs) for one project. What a
 * delete frees counts the references of the whole bucket, so a blob another project uses is
 * not freed; staged bytes are the blobs no live version uses.
 */
export async function s3StorageUsage(store: MaintenanceContext, project: string): Promise<StorageUsage> {
  const [states, blobListing] = await Promise.all([store.catalog.allStates(), store.client.list(store.layout.blobsPrefix)]);
  const manifests = await store.catalog.manifestsOf(states.flatMap((s) => s.live.map((r) => r.digest)));
  const size = new Map<string, number>();
  const refs = new Map<string, number>();
  const blobsOf = (digest: string): string[] => [...blobDigestsOf(manifests.get(digest) ?? []).keys()];
  for (const s of states) {
    for (const record of s.live) for (const d of blobsOf(record.digest)) refs.set(d, (refs.get(d) ?? 0) + 1);
  }
  for (const o of blobListing.objects) {
    const digest = hexToDigest(o.key.slice(store.layout.blobsPrefix.length));
    if (digest !== null) size.set(digest, o.size);
  }
  const mine = states.filter((s) => s.project === project);
  const inputs = mine.flatMap((s) =>
    s.live.map((r) => ({ id: r.id, group: artifactIdOf(s.project, s.name), size: r.size, blobs: blobsOf(r.digest) })),
  );
  const account = accountStorage<VersionId>(inputs, size, refs);
  const artifacts: ArtifactStorage[] = mine
    .filter((s) => s.live.length > 0)
    .map((s) => {
      const artifactId: ArtifactId = artifactIdOf(s.project, s.name);
      return {
        artifactId,
        logicalBytes: account.groups.get(artifactId)?.logicalBytes ?? 0,
        storedBytes: account.groups.get(artifactId)?.storedBytes ?? 0,
        versions: [...s.live]
          .reverse()
          .map((v) => ({ versionId: v.id, index: v.index, logicalBytes: v.size, freedBytes: account.freedBytes.get(v.id) ?? 0 })),
      };
    })
    .sort((a, b) => (a.artifactId < b.artifactId ? -1 : a.artifactId > b.artifactId ? 1 : 0));
  let stagedBytes = 0;
  for (const [digest, bytes] of size) if (!refs.has(digest)) stagedBytes += bytes;
  return { project, logicalBytes: account.logicalBytes, storedBytes: account.storedBytes, artifacts, stagedBytes };
}

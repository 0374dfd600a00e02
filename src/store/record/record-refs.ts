/**
 * Blob records inside a transaction: looking many up at once, counting the pending references
 * of recent commits (PendingRefsRecord) and deleting blobs with their pieces or pack shares.
 */
import type { BlobRecord } from '../records';
import type { RecordTx } from '../record-backend';
import { prefixRange } from '../record-backend';
import { blobDigestsOf, chunkEntriesOf } from '../manifest-chunks';
import { inGroups } from './record-tx';

/** With at least this many digests to look up, reading the whole blob store's keys may be cheaper. */
export const BULK_READ_MIN = 1000;

/** …when the store holds at most this many times as many blobs (10,000 keys read in ~10 ms, 10,000 gets ~500 ms). */
export const BULK_READ_RATIO = 20;

/**
 * The blob records of these digests. Many lookups against a store not much bigger than them
 * read the store's keys first (IndexedDB pays per request): then only the digests present are
 * read, or every record at once when they are most of the store, and `all` holds every digest
 * of the store, which lets deleteBlobsIn delete in ranges.
 */
export async function getBlobsIn(tx: RecordTx, digests: readonly string[]): Promise<{ found: Map<string, BlobRecord>; all: string[] | null }> {
  const found = new Map<string, BlobRecord>();
  const add = (record: BlobRecord | undefined) => {
    if (record) found.set(record.digest, record);
  };
  if (digests.length >= BULK_READ_MIN && digests.length * BULK_READ_RATIO >= (await tx.count('blobs'))) {
    const all = await tx.getAllKeys('blobs');
    const wanted = new Set(digests);
    const present = all.filter((d) => wanted.has(d));
    if (present.length * 4 >= all.length) {
      for (const record of await tx.getAll('blobs')) if (wanted.has(record.digest)) add(record);
    } else {
      (await inGroups(present, (d) => tx.get('blobs', d))).forEach(add);
    }
    return { found, all };
  }
  (await inGroups(digests, (d) => tx.get('blobs', d))).forEach(add);
  return { found, all: null };
}

/** The blobs a stored version's manifest uses, each once: what its reference counts for. */
export async function usedBlobsIn(tx: RecordTx, versionId: string): Promise<string[]> {
  const chunks = await tx.getAll('manifestChunks', prefixRange([versionId]));
  return [...blobDigestsOf(chunks.flatMap((c) => chunkEntriesOf(c))).keys()];
}

/** How many versions with pending references (PendingRefsRecord) use each blob, and which versions those are. */
export async function pendingUsesIn(tx: RecordTx): Promise<{ versionIds: string[]; uses: Map<string, number> }> {
  const versionIds = await tx.getAllKeys('pendingRefs');
  const used = await Promise.all(versionIds.map((id) => usedBlobsIn(tx, id)));
  const uses = new Map<string, number>();
  for (const digest of used.flat()) uses.set(digest, (uses.get(digest) ?? 0) + 1);
  return { versionIds, uses };
}

/**
 * Counts the pending references into the blob records. Every transaction that changes
 * reference counts or deletes blobs does this first (it needs REF_STORES), so that it sees
 * every live version's references.
 */
export async function countPendingRefsIn(tx: RecordTx): Promise<void> {
  const { versionIds, uses } = await pendingUsesIn(tx);
  if (versionIds.length === 0) return;
  const { found } = await getBlobsIn(tx, [...uses.keys()]);
  await Promise.all([
    // In groups (see inGroups): 10,000 puts at once were a 1 s long task.
    inGroups([...found.values()], (b) => tx.put('blobs', { ...b, refCount: b.refCount + (uses.get(b.digest) ?? 0) })),
    ...versionIds.map((id) => tx.delete('pendingRefs', id)),
  ]);
}

/**
 * How many versions use `digest`, counted from their manifests: for a blob whose record is gone,
 * so that its repaired copy gets its references back. Pending references are counted first, so
 * that they are not added again later.
 */
export async function referencesFromManifestsIn(tx: RecordTx, digest: string): Promise<number> {
  await countPendingRefsIn(tx);
  const users = new Set<string>();
  for (const chunk of await tx.getAll('manifestChunks')) {
    if (blobDigestsOf(chunkEntriesOf(chunk)).has(digest)) users.add(chunk.versionId);
  }
  return users.size;
}

/** Takes deleted blobs out of their packs; a pack left with no member goes. */
export async function dropPackMembersIn(tx: RecordTx, doomed: readonly BlobRecord[]): Promise<void> {
  const goneByPack = new Map<string, Set<string>>();
  for (const { digest, pack } of doomed) {
    if (!pack) continue;
    const gone = goneByPack.get(pack.id) ?? new Set<string>();
    gone.add(digest);
    goneByPack.set(pack.id, gone);
  }
  if (goneByPack.size === 0) return;
  const packs = await inGroups([...goneByPack.keys()], (id) => tx.get('packs', id));
  await inGroups(packs, (pack) => {
    if (!pack) return Promise.resolve();
    const gone = goneByPack.get(pack.id);
    const members = pack.members.filter((d) => !gone?.has(d));
    return members.length === 0 ? tx.delete('packs', pack.id) : tx.put('packs', { ...pack, members });
  });
}

/**
 * Deletes blob records and their pieces (or their share of a pack). Given every digest of the
 * store (in key order), runs of neighbouring doomed digests go in two range deletes; otherwise
 * each blob is deleted by exact keys.
 */
export async function deleteBlobsIn(tx: RecordTx, doomed: readonly BlobRecord[], allInKeyOrder: readonly string[] | null): Promise<void> {
  await dropPackMembersIn(tx, doomed);
  const byDigest = new Map(doomed.map((b) => [b.digest, b]));
  const one = (blob: BlobRecord) => {
    const requests: Promise<void>[] = [tx.delete('blobs', blob.digest)];
    for (let i = 0; i < blob.chunkCount; i++) requests.push(tx.delete('blobChunks', [blob.digest, i]));
    return requests;
  };
  if (!allInKeyOrder) {
    await Promise.all(doomed.flatMap(one));
    return;
  }
  const requests: Promise<void>[] = [];
  let run: BlobRecord[] = [];
  const endRun = () => {
    const first = run[0];
    const last = run.at(-1);
    if (run.length === 1 && first) requests.push(...one(first));
    else if (first && last) {
      requests.push(tx.deleteRange('blobs', { lower: first.digest, upper: last.digest }));
      requests.push(tx.deleteRange('blobChunks', { lower: [first.digest], upper: [last.digest, []] }));
    }
    run = [];
  };
  for (const digest of allInKeyOrder) {
    const blob = byDigest.get(digest);
    if (blob) run.push(blob);
    else endRun();
  }
  endRun();
  await Promise.all(requests);
}

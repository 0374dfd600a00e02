/**
 * Healing small and big blobs of the record store: verify-on-dedup finds stored copies that are
 * no longer the bytes given for them, and repair writes right copies in their place.
 */
import type { BlobRecord } from '../records';
import { PACKED_BLOB_MAX_BYTES } from '../idb/schema';
import { BLOB_CHUNK_BYTES } from '../records';
import { assertRepairBytes, blobMatchesDigest, sameBytes } from '../blob-bytes';
import { prefixRange } from '../record-backend';
import { toPacks } from './record-packs';
import type { RecordContext } from './record-context';
import { getBlobsIn, dropPackMembersIn, referencesFromManifestsIn } from './record-refs';
import { inGroups, GC_STORES } from './record-tx';

/**
 * Small stored blobs among `records` whose bytes are not those given for them, with the given
 * bytes (when those do hash to the digest: a wrong input never replaces a stored copy). Packs
 * are read one at a time, so memory stays bounded whatever the number of blobs.
 */
export async function damagedCopies(ctx: RecordContext, 
    records: readonly BlobRecord[],
    given: ReadonlyMap<string, { blob: Blob; bytes: ArrayBuffer | undefined }>,
  ): Promise<{ digest: string; data: ArrayBuffer }[]> {
  if (records.length === 0) return [];
  const byPack = new Map<string, BlobRecord[]>();
  const unpacked: BlobRecord[] = [];
  for (const record of records) {
    if (!record.pack) unpacked.push(record);
    else byPack.set(record.pack.id, [...(byPack.get(record.pack.id) ?? []), record]);
  }
  const { packs, pieces } = await ctx.read(['packs', 'blobChunks'], async (tx) => {
    const ids = [...byPack.keys()];
    const [packList, pieceList] = await Promise.all([
      inGroups(ids, (id) => tx.get('packs', id)),
      inGroups(unpacked, (r) => tx.getAll('blobChunks', prefixRange([r.digest]))),
    ]);
    return { packs: new Map(ids.map((id, k) => [id, packList[k]])), pieces: new Map(unpacked.map((r, k) => [r.digest, pieceList[k] ?? []])) };
  });
  const out: { digest: string; data: ArrayBuffer }[] = [];
  const check = async (record: BlobRecord, stored: Uint8Array | null) => {
    const input = given.get(record.digest);
    if (!input) return;
    const want = new Uint8Array(input.bytes ?? (await input.blob.arrayBuffer()));
    if (stored && sameBytes(stored, want)) return;
    if (await blobMatchesDigest(want, record.digest)) out.push({ digest: record.digest, data: want.slice().buffer });
  };
  for (const [id, members] of byPack) {
    const data = packs.get(id)?.data;
    const bytes = data ? new Uint8Array(await data.arrayBuffer()) : null;
    for (const record of members) {
      const { offset } = record.pack ?? { offset: 0 };
      await check(record, bytes && offset + record.size <= bytes.length ? bytes.subarray(offset, offset + record.size) : null);
    }
  }
  for (const record of unpacked) {
    const parts = pieces.get(record.digest) ?? [];
    await check(record, new Uint8Array(await new Blob(parts.map((p) => p.data)).arrayBuffer()));
  }
  return out;
}

/**
 * Writes new copies of small blobs into fresh packs and points their records there (the old
 * copies leave their packs and pieces). References and staging times are kept; a blob whose
 * record was lost gets its references counted from the manifests.
 */
export async function replaceSmallBlobs(ctx: RecordContext, items: readonly { digest: string; data: ArrayBuffer }[]): Promise<void> {
  const at = ctx.now();
  const packs = toPacks(
    items.map(({ digest, data }) => ({ digest, size: data.byteLength, data })),
    (digest, size, pack) => ({ digest, size, refCount: 0, stagedAt: at, chunkCount: 0, complete: true, pack }),
  );
  await ctx.write(GC_STORES, async (tx) => {
    const { found } = await getBlobsIn(tx, items.map((i) => i.digest));
    const old = [...found.values()];
    const lost = new Set(items.map((i) => i.digest).filter((d) => !found.has(d)));
    if (lost.size > 0) {
      // A lost record no longer says which pack still lists it: look through them (rare; no bytes are read).
      for (const pack of await tx.getAll('packs')) {
        for (const digest of pack.members) if (lost.has(digest)) old.push({ digest, size: 0, refCount: 0, stagedAt: 0, chunkCount: 0, complete: false, pack: { id: pack.id, offset: 0 } });
      }
    }
    await dropPackMembersIn(tx, old);
    await Promise.all(old.filter((r) => r.chunkCount > 0).map((r) => tx.deleteRange('blobChunks', prefixRange([r.digest]))));
    for (const { pack, records } of packs) {
      await tx.put('packs', { ...pack, members: records.map((r) => r.digest) });
      for (const record of records) {
        const before = found.get(record.digest);
        const refCount = before ? before.refCount : await referencesFromManifestsIn(tx, record.digest);
        await tx.put('blobs', { ...record, refCount, stagedAt: before?.stagedAt ?? at });
      }
    }
  });
}

export async function repairBlob(ctx: RecordContext, digest: string, blob: Blob): Promise<void> {
  await assertRepairBytes(blob, digest);
  const size = blob.size;
  if (size <= PACKED_BLOB_MAX_BYTES && size > 0) {
    await replaceSmallBlobs(ctx, [{ digest, data: await blob.arrayBuffer() }]);
    return;
  }
  const chunkCount = Math.ceil(size / BLOB_CHUNK_BYTES);
  // Piece by piece in place: each stored piece is then the old one or a right one, so stopping half-way damages nothing more.
  for (let i = 0; i < chunkCount; i++) {
    const piece = blob.slice(i * BLOB_CHUNK_BYTES, Math.min((i + 1) * BLOB_CHUNK_BYTES, size));
    const data = ctx.piecesAsBlobs ? piece : await piece.arrayBuffer();
    await ctx.write(['blobChunks'], (tx) => tx.put('blobChunks', { digest, i, data }));
  }
  await ctx.write(GC_STORES, async (tx) => {
    const before = await tx.get('blobs', digest);
    const refCount = before ? before.refCount : await referencesFromManifestsIn(tx, digest);
    if (before) await dropPackMembersIn(tx, [before]);
    await tx.deleteRange('blobChunks', { lower: [digest, chunkCount], upper: [digest, []] });
    await tx.put('blobs', { digest, size, refCount, stagedAt: before?.stagedAt ?? ctx.now(), chunkCount, complete: true });
  });
}

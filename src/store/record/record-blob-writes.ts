/**
 * Writing blob bytes into the record store: putBlobs in batches of transactions (pieces for big
 * blobs, packs for small ones), verify-on-dedup, repair, and the clean-up of a stopped write.
 */
import { AppError } from '../../domain/errors';
import type {
  BlobInput, PutBlobsOptions
} from '../artifact-store';
import type { BlobChunkRecord, PackRecord } from '../idb/schema';
import type { BlobRecord } from '../records';
import { PACKED_BLOB_MAX_BYTES } from '../idb/schema';
import { BLOB_CHUNK_BYTES } from '../records';
import { prefixRange } from '../record-backend';
import { putCancelledError } from '../store-rules';
import { damagedCopies, replaceSmallBlobs } from './record-blob-repair';
import type { RecordContext } from './record-context';
import { toPacks } from './record-packs';
import { getBlobsIn, deleteBlobsIn } from './record-refs';
import { inGroups, BLOB_STORES } from './record-tx';

export const PUT_BATCH_BYTES = 8 * 1024 * 1024;

/** Records per putBlobs transaction when the blobs are small. */
export const PUT_BATCH_RECORDS = 2000;

/** Pieces this big are stored as Blob slices when `piecesAsBlobs` (smaller ones: one file each would cost more). */
export const PIECE_AS_BLOB_BYTES = 256 * 1024;

/** Bytes of Blob-slice pieces per putBlobs transaction (they hold no memory; this sets the progress step). */
export const PUT_BATCH_BLOB_BYTES = 16 * 1024 * 1024;

/** Pieces read per readBlob transaction (64 MiB). */
export const READ_BATCH_PIECES = 16;

/** Pending writes of putBlobs, flushed in one transaction. */
export interface PutBatch {
  /** Pieces: in memory, still being read (small ones are read concurrently, before the transaction), or Blob slices. */
  pieces: { digest: string; i: number; data: ArrayBuffer | Promise<ArrayBuffer> | Blob }[];
  /** Small blobs to store in packs: their bytes, in memory or still being read. */
  packed: { digest: string; size: number; data: ArrayBuffer | Promise<ArrayBuffer> }[];
  /** Blob records to write after the pieces; `verify` checks that every piece is there. */
  blobs: { record: BlobRecord; verify: boolean }[];
  /** Bytes read into memory. */
  bytes: number;
  /** Bytes of pieces kept as Blob slices. */
  blobBytes: number;
}

export function emptyBatch(): PutBatch {
  return { pieces: [], packed: [], blobs: [], bytes: 0, blobBytes: 0 };
}

export async function putBlobs(ctx: RecordContext, blobs: readonly BlobInput[], options: PutBlobsOptions = {}): Promise<void> {
  const { signal, onProgress, onMissing } = options;
  // Bytes already in memory (read while hashing) are stored as they are: no second read.
  const unique = new Map<string, { blob: Blob; bytes: ArrayBuffer | undefined; size: number }>();
  for (const { digest, blob, bytes } of blobs) {
    if (typeof digest !== 'string' || digest === '') throw new AppError('invalid-manifest', 'a blob needs a non-empty digest');
    if (!unique.has(digest)) unique.set(digest, { blob, bytes, size: bytes ? bytes.byteLength : blob.size });
  }
  let total = 0;
  for (const { size } of unique.values()) total += size;
  if (signal?.aborted) throw putCancelledError(0, total);

  // Which are missing; staged ones we already hold get a fresh stagedAt so that GC spares them.
  const held: BlobRecord[] = [];
  const missing = await ctx.write(['blobs'], async (tx) => {
    const at = ctx.now();
    const { found: records } = await getBlobsIn(tx, [...unique.keys()]);
    const out: string[] = [];
    const touched: BlobRecord[] = [];
    for (const digest of unique.keys()) {
      const record = records.get(digest);
      if (!record?.complete) out.push(digest);
      else {
        if (record.refCount === 0) touched.push({ ...record, stagedAt: at });
        if (record.size > 0 && record.size <= PACKED_BLOB_MAX_BYTES) held.push(record);
      }
    }
    await inGroups(touched, (record) => tx.put('blobs', record));
    return out;
  });
  if (missing.length > 0) onMissing?.(missing);
  // Verify-on-dedup: a small copy already stored is read back; one damaged since is replaced by the bytes given.
  const damaged = await damagedCopies(ctx, held, unique);
  if (damaged.length > 0) await replaceSmallBlobs(ctx, damaged);

  let written = 0;
  let batch = emptyBatch();
  // Blobs whose pieces span transactions: their incomplete record is stored, the complete one not yet.
  const open = new Set<string>();
  const flush = async () => {
    if (batch.pieces.length === 0 && batch.blobs.length === 0 && batch.packed.length === 0) return;
    const current = batch;
    batch = emptyBatch();
    // Read before the transaction opens: awaiting this inside one would commit it early.
    const [pieces, packed] = await Promise.all([
      Promise.all(current.pieces.map(async ({ digest, i, data }): Promise<BlobChunkRecord> => ({ digest, i, data: data instanceof Blob ? data : await data }))),
      Promise.all(current.packed.map(async ({ digest, size, data }) => ({ digest, size, data: await data }))),
    ]);
    const at = ctx.now();
    const packs = toPacks(packed, (digest, size, pack) => ({ digest, size, refCount: 0, stagedAt: at, chunkCount: 0, complete: true, pack }));
    if (signal?.aborted) throw putCancelledError(written, total);
    await ctx.write(BLOB_STORES, async (tx) => {
      // Requests go out in groups (see inGroups): one after the other would cost a round trip each, all at once a long task.
      await inGroups(pieces, (p) => tx.put('blobChunks', p));
      const packedRecords = packs.flatMap((p) => p.records);
      const { found: existing } = await getBlobsIn(tx, [...current.blobs.map(({ record }) => record.digest), ...packedRecords.map((r) => r.digest)]);
      // Stored meanwhile by another call: keep its record (and refCount); its bytes in our pack go unused.
      const storedMeanwhile = (digest: string) => existing.get(digest)?.complete === true;
      const counts = await inGroups(current.blobs, ({ record, verify }) =>
        verify && !storedMeanwhile(record.digest) ? tx.count('blobChunks', prefixRange([record.digest])) : Promise.resolve(record.chunkCount),
      );
      const puts: BlobRecord[] = [];
      current.blobs.forEach(({ record }, k) => {
        if (storedMeanwhile(record.digest)) return;
        if (counts[k] !== record.chunkCount) {
          throw new AppError('internal', `blob ${record.digest} lost pieces while it was being written (garbage collected meanwhile?); retry`);
        }
        puts.push(record);
      });
      const packPuts: PackRecord[] = [];
      for (const { pack, records } of packs) {
        const members = records.filter((r) => !storedMeanwhile(r.digest));
        if (members.length === 0) continue;
        packPuts.push({ ...pack, members: members.map((r) => r.digest) });
        puts.push(...members);
      }
      await Promise.all([inGroups(packPuts, (pack) => tx.put('packs', pack)), inGroups(puts, (record) => tx.put('blobs', record))]);
    });
    for (const { record } of current.blobs) {
      if (record.complete) open.delete(record.digest);
      else open.add(record.digest);
    }
    written += current.bytes + current.blobBytes;
    onProgress?.(written);
    ctx.hooks.afterBlobBatch?.(written, total);
  };
  const full = () =>
    batch.bytes >= ctx.putBatchBytes ||
    batch.blobBytes >= PUT_BATCH_BLOB_BYTES ||
    batch.pieces.length + batch.blobs.length + batch.packed.length >= PUT_BATCH_RECORDS;

  try {
    for (const digest of missing) {
      const input = unique.get(digest);
      if (!input) continue;
      const { blob, bytes, size } = input;
      if (size > 0 && size <= PACKED_BLOB_MAX_BYTES) {
        if (signal?.aborted) throw putCancelledError(written, total);
        // Read concurrently with the rest of the batch (flush() awaits it), unless already in memory.
        const data = bytes ?? blob.arrayBuffer();
        if (data instanceof Promise) data.catch(() => undefined); // a failure surfaces in flush(), which awaits it
        batch.packed.push({ digest, size, data });
        batch.bytes += size;
        if (full()) await flush();
        continue;
      }
      const chunkCount = Math.ceil(size / BLOB_CHUNK_BYTES);
      const record = (complete: boolean): BlobRecord => ({ digest, size, refCount: 0, stagedAt: ctx.now(), chunkCount, complete });
      if (chunkCount === 0) batch.blobs.push({ record: record(true), verify: false });
      for (let i = 0; i < chunkCount; i++) {
        if (signal?.aborted) throw putCancelledError(written, total);
        const start = i * BLOB_CHUNK_BYTES;
        const end = Math.min(start + BLOB_CHUNK_BYTES, size);
        if (bytes) {
          batch.pieces.push({ digest, i, data: chunkCount === 1 ? bytes : bytes.slice(start, end) });
          batch.bytes += end - start;
        } else {
          // A one-piece blob is used whole: slicing a File costs a synchronous file-info lookup in Chromium.
          const piece = chunkCount === 1 ? blob : blob.slice(start, end);
          if (ctx.piecesAsBlobs && piece.size >= PIECE_AS_BLOB_BYTES) {
            batch.pieces.push({ digest, i, data: piece });
            batch.blobBytes += piece.size;
          } else {
            // Read concurrently with the other small pieces of the batch; flush() awaits them.
            const data = piece.arrayBuffer();
            data.catch(() => undefined); // a failure surfaces in flush(), which awaits it
            batch.pieces.push({ digest, i, data });
            batch.bytes += piece.size;
          }
        }
        const last = i === chunkCount - 1;
        if (last) batch.blobs.push({ record: record(true), verify: open.has(digest) });
        if (full()) {
          // Mark a blob cut across transactions as incomplete until its last piece is in.
          if (!last && !open.has(digest)) batch.blobs.push({ record: record(false), verify: false });
          await flush();
        }
      }
      if (full()) await flush();
    }
    if (signal?.aborted) throw putCancelledError(written, total);
    await flush();
  } catch (error) {
    for (const digest of open) await dropPartialBlob(ctx, digest);
    if (error instanceof AppError && error.code === 'quota-exceeded') {
      throw new AppError(error.code, error.message, {
        cause: error.cause,
        details: { ...error.details, bytesWritten: written, bytesTotal: total },
      });
    }
    throw error;
  }
}

/** Removes the pieces of a blob whose writing stopped half-way (best effort). */
export async function dropPartialBlob(ctx: RecordContext, digest: string): Promise<void> {
  try {
    await ctx.write(BLOB_STORES, async (tx) => {
      const record = await tx.get('blobs', digest);
      if (record && !record.complete) await deleteBlobsIn(tx, [record], null);
    });
  } catch {
    // Left for garbage collection, which removes incomplete blobs like staged ones.
  }
}

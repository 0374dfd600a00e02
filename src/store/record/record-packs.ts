/**
 * Small blobs written together: packed into pack records of about PACK_BYTES, each blob record
 * pointing into its pack. Used by blob writes and by repair.
 */
import { AppError } from '../../domain/errors';
import type { PackRecord } from '../idb/schema';
import { PACK_BYTES } from '../idb/schema';
import type { BlobRecord } from '../records';

export function newPackId(): string {
  return crypto.randomUUID();
}

/**
 * Packs the small blobs of one batch: up to PACK_BYTES each, with the blob records that point
 * into them (pack members are fixed when the transaction knows which records it writes).
 */
export function toPacks(
  packed: readonly { digest: string; size: number; data: ArrayBuffer }[],
  record: (digest: string, size: number, pack: { id: string; offset: number }) => BlobRecord,
): { pack: PackRecord; records: BlobRecord[] }[] {
  const out: { pack: PackRecord; records: BlobRecord[] }[] = [];
  let parts: ArrayBuffer[] = [];
  let records: BlobRecord[] = [];
  let id = newPackId();
  let offset = 0;
  const close = () => {
    if (parts.length === 0) return;
    // One part: a Blob made of hundreds of small parts costs the page far more to build.
    const bytes = new Uint8Array(offset);
    let at = 0;
    for (const part of parts) {
      bytes.set(new Uint8Array(part), at);
      at += part.byteLength;
    }
    out.push({ pack: { id, data: new Blob([bytes]), members: [] }, records });
    parts = [];
    records = [];
    id = newPackId();
    offset = 0;
  };
  for (const { digest, size, data } of packed) {
    if (data.byteLength !== size) throw new AppError('internal', `blob ${digest}: read ${data.byteLength} bytes, ${size} expected; was the file changed?`);
    records.push(record(digest, size, { id, offset }));
    parts.push(data);
    offset += size;
    if (offset >= PACK_BYTES) close();
  }
  close();
  return out;
}

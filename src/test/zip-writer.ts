/**
 * A tiny zip writer for tests (APPNOTE §4.3): stored or deflated entries, with knobs to write
 * the hostile or unsupported archives the reader must refuse. Real CRC-32s, so `unzip -t`
 * accepts what it writes. Not for the app: downloads use client-zip.
 */
import { crc32 } from '../domain/crc32';

export type TestZipEntry = {
  readonly name: string;
  readonly data?: Uint8Array | string;
  /** 0 stored (default), 8 deflate (needs `deflateRaw`), anything else as given. */
  readonly method?: number;
  /** General-purpose flags, e.g. 1 for "encrypted". */
  readonly flags?: number;
  /** Overrides the sizes written in the central directory (e.g. 0xffffffff for zip64). */
  readonly size?: number;
  /** Already-deflated data (method 8) with its inflated size and CRC-32: a huge entry without holding its bytes. */
  readonly deflated?: { readonly body: Uint8Array; readonly size: number; readonly crc32: number };
};

export type TestZipOptions = {
  readonly deflateRaw?: (bytes: Uint8Array) => Uint8Array;
  readonly comment?: string;
  /** Writes a zip64 end-of-central-directory locator before the end record. */
  readonly zip64Locator?: boolean;
  /** Bytes before the first entry (a self-extracting stub); offsets stay absolute. */
  readonly prefix?: Uint8Array;
};

const encoder = new TextEncoder();


export function writeTestZip(entries: readonly TestZipEntry[], options: TestZipOptions = {}): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const push = (bytes: Uint8Array) => {
    chunks.push(bytes);
    offset += bytes.length;
  };
  if (options.prefix) push(options.prefix);
  const central: Uint8Array[] = [];
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const raw = typeof entry.data === 'string' ? encoder.encode(entry.data) : (entry.data ?? new Uint8Array());
    const method = entry.deflated ? 8 : (entry.method ?? 0);
    let body = raw;
    if (entry.deflated) body = entry.deflated.body;
    else if (method === 8) {
      if (!options.deflateRaw) throw new Error('writeTestZip: deflate entries need options.deflateRaw');
      body = options.deflateRaw(raw);
    }
    const crc = entry.deflated?.crc32 ?? crc32(raw);
    const rawLength = entry.deflated?.size ?? raw.length;
    const flags = (entry.flags ?? 0) | 0x0800;
    const local = new Uint8Array(30 + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true);
    l.setUint16(6, flags, true);
    l.setUint16(8, method, true);
    l.setUint32(14, crc, true);
    l.setUint32(18, body.length, true);
    l.setUint32(22, rawLength, true);
    l.setUint16(26, name.length, true);
    local.set(name, 30);
    const localOffset = offset;
    push(local);
    push(body);

    const record = new Uint8Array(46 + name.length);
    const c = new DataView(record.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 0x0314, true);
    c.setUint16(6, 20, true);
    c.setUint16(8, flags, true);
    c.setUint16(10, method, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, entry.size ?? body.length, true);
    c.setUint32(24, entry.size ?? rawLength, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, localOffset, true);
    record.set(name, 46);
    central.push(record);
  }
  const directoryOffset = offset;
  for (const record of central) push(record);
  const directorySize = offset - directoryOffset;
  if (options.zip64Locator) {
    const locator = new Uint8Array(20);
    new DataView(locator.buffer).setUint32(0, 0x07064b50, true);
    push(locator);
  }
  const comment = encoder.encode(options.comment ?? '');
  const end = new Uint8Array(22 + comment.length);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, entries.length, true);
  e.setUint16(10, entries.length, true);
  e.setUint32(12, directorySize, true);
  e.setUint32(16, directoryOffset, true);
  e.setUint16(20, comment.length, true);
  end.set(comment, 22);
  push(end);

  const out = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

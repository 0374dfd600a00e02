import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../domain/crc32';
import { adler32, encodePng } from './png-encoder';

function readChunks(png: Uint8Array) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: { type: string; data: Uint8Array; crcOk: boolean }[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crcOk = view.getUint32(offset + 8 + length) === crc32(png, offset + 4, offset + 8 + length);
    chunks.push({ type, data, crcOk });
    offset += 12 + length;
  }
  return chunks;
}

describe('encodePng', () => {
  it('matches the well-known CRC-32 and Adler-32 check values', () => {
    const bytes = new TextEncoder().encode('123456789');
    expect(crc32(bytes).toString(16)).toBe('cbf43926');
    expect(adler32(bytes).toString(16)).toBe('91e01de');
  });

  it('writes a PNG whose pixels inflate back to the input (zlib agrees)', () => {
    const width = 3;
    const height = 2;
    const pixels = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37) % 256);
    const png = encodePng({ width, height, pixels });

    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);

    const raw = inflateSync(chunks[1]!.data);
    const rows = [raw.subarray(0, 10), raw.subarray(10, 20)];
    expect(rows.map((row) => row[0])).toEqual([0, 0]);
    expect([...rows[0]!.subarray(1), ...rows[1]!.subarray(1)]).toEqual([...pixels]);
  });

  it('splits images larger than one stored block (65,535 bytes)', () => {
    const width = 200;
    const height = 120; // 72,120 raw bytes
    const pixels = new Uint8Array(width * height * 3).fill(200);
    const idat = readChunks(encodePng({ width, height, pixels })).find((c) => c.type === 'IDAT')!;
    expect(inflateSync(idat.data).length).toBe((width * 3 + 1) * height);
  });

  it('refuses a pixel buffer of the wrong size, naming both sizes', () => {
    expect(() => encodePng({ width: 2, height: 2, pixels: new Uint8Array(5) })).toThrow(/5 bytes; 2×2 RGB needs 12/);
  });
});

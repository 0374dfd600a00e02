/**
 * Raw deflate of `size` zero bytes, made by streaming a zero buffer through zlib (Node only):
 * a zip-bomb entry of gigabytes from a couple of megabytes, without holding the gigabytes.
 */
import { createDeflateRaw, crc32 } from 'node:zlib';

const CHUNK = 1 << 20;

export async function deflatedZeros(size: number): Promise<{ body: Uint8Array; size: number; crc32: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const ended = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const zeros = Buffer.alloc(CHUNK);
  let crc = 0;
  for (let done = 0; done < size; done += CHUNK) {
    const piece = zeros.subarray(0, Math.min(CHUNK, size - done));
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return { body: new Uint8Array(Buffer.concat(parts)), size, crc32: crc };
}

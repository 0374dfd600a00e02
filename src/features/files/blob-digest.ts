import { createMd5Hasher, xxh128Base64 } from '../../domain/digest';
import type { EntryDigestAlgorithm } from '../../domain/digest';

/**
 * The entry digest of some bytes, read as a stream so a large file is hashed piece by piece:
 * each piece is an `await`, so the main thread handles input between pieces instead of freezing
 * for the whole file (hashing speed: bench row "baseline: hash-wasm md5, one stream, …").
 */
export async function digestOfBlob(blob: Blob, algorithm: Exclude<EntryDigestAlgorithm, 'reference'>): Promise<string> {
  if (algorithm === 'xxh128') return xxh128Base64(new Uint8Array(await blob.arrayBuffer()));
  const hasher = await createMd5Hasher();
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // Large reads are split so one update never blocks for long.
    for (let at = 0; at < value.length; at += 1 << 20) hasher.update(value.subarray(at, at + (1 << 20)));
  }
  return hasher.digestBase64();
}

/**
 * Checks of blob bytes against the digest they are stored under: for the stores' repair and
 * verify-on-dedup, and for every byte served to the user (a damaged copy is never shown as if
 * it were the file).
 */
import { createMd5Hasher, createXxh128Hasher } from '../domain/digest';
import { AppError } from '../domain/errors';
import { quoteForMessage } from '../domain/paths';
import type { ArtifactStore } from './artifact-store';

/** Pieces hashed per update, so that one update never blocks the page for long. */
const HASH_PIECE_BYTES = 1 << 20;
/** Bytes read from a Blob at once. */
const READ_SLICE_BYTES = 8 << 20;

/**
 * Whether these bytes hash to `digest`: base64 md5, or xxh3-128 (entries tagged XXH128 are
 * stored under that digest). Both are computed in one pass; xxh3 costs little next to md5.
 */
export async function blobMatchesDigest(bytes: Blob | Uint8Array, digest: string): Promise<boolean> {
  const [md5, xxh] = await Promise.all([createMd5Hasher(), createXxh128Hasher()]);
  const feed = (chunk: Uint8Array) => {
    for (let at = 0; at < chunk.length; at += HASH_PIECE_BYTES) {
      const piece = chunk.subarray(at, at + HASH_PIECE_BYTES);
      md5.update(piece);
      xxh.update(piece);
    }
  };
  if (bytes instanceof Uint8Array) feed(bytes);
  // Read in slices (not blob.stream(), which not every Blob implementation has): memory stays bounded.
  else for (let at = 0; at < bytes.size; at += READ_SLICE_BYTES) feed(new Uint8Array(await bytes.slice(at, at + READ_SLICE_BYTES).arrayBuffer()));
  return md5.digestBase64() === digest || xxh.digestBase64() === digest;
}

/** Refuses bytes offered to repair `digest` that are not its content (nothing is changed then). */
export async function assertRepairBytes(bytes: Blob | Uint8Array, digest: string): Promise<void> {
  if (typeof digest !== 'string' || digest === '') throw new AppError('invalid-manifest', 'a blob needs a non-empty digest');
  if (!(await blobMatchesDigest(bytes, digest))) {
    throw new AppError('digest-mismatch', `the bytes offered for digest ${quoteForMessage(digest)} hash to something else; the stored copy was left as it was`, {
      details: { digest },
    });
  }
}

/** Whether two byte arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Served bytes that do not hash to their digest: nothing of them is shown or saved. */
export function damagedCopyError(digest: string, path?: string): AppError {
  const what = path === undefined ? 'this file' : quoteForMessage(path);
  return new AppError(
    'digest-mismatch',
    `The stored copy of ${what} is damaged: its bytes do not hash to its digest ${digest}, so they are not served. Verify lists every damaged file and repairs it from a local folder; uploading the file again also heals it`,
    { details: { digest, ...(path === undefined ? {} : { path }) } },
  );
}

/** Reads a blob and checks its bytes against the digest before they are served (previews, downloads, diffs). */
export async function readVerifiedBlob(store: Pick<ArtifactStore, 'readBlob'>, digest: string, path?: string): Promise<Blob> {
  const blob = await store.readBlob(digest);
  if (!(await blobMatchesDigest(blob, digest))) throw damagedCopyError(digest, path);
  return blob;
}

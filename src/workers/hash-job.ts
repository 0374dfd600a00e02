import { createMd5Hasher, md5Base64 } from '../domain/digest';
import type { HashRequest, HashResponse } from './hash-protocol';

/** Files up to this size are read in one piece: that is no more memory than one stream chunk pair. */
export const SMALL_FILE_BYTES = 1024 * 1024;
/** A large file reports progress after at least this many more bytes. */
export const PROGRESS_STEP_BYTES = 4 * 1024 * 1024;

export interface HashBlobOptions {
  /** Bytes read so far; called at most once per PROGRESS_STEP_BYTES for large blobs. */
  onProgress?: (bytes: number) => void;
  /** Polled between chunks; true stops reading and rejects with a CancelledHash. */
  isCancelled?: () => boolean;
}

export class CancelledHash extends Error {
  override readonly name = 'CancelledHash';
}

/**
 * The base64 md5 of a Blob. Large blobs are streamed through `blob.stream()` chunk by chunk,
 * so a 4 GB file never sits in memory; small ones are read in one call (faster for many files).
 */
export async function hashBlob(blob: Blob, options: HashBlobOptions = {}): Promise<{ digest: string; size: number }> {
  const { onProgress, isCancelled = () => false } = options;
  if (blob.size <= SMALL_FILE_BYTES) {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (isCancelled()) throw new CancelledHash('cancelled');
    return { digest: await md5Base64(bytes), size: bytes.byteLength };
  }
  const hasher = await createMd5Hasher();
  const reader = blob.stream().getReader();
  let bytes = 0;
  let reported = 0;
  try {
    for (;;) {
      if (isCancelled()) throw new CancelledHash('cancelled');
      const { done, value } = await reader.read();
      if (done) break;
      hasher.update(value);
      bytes += value.byteLength;
      if (onProgress && bytes - reported >= PROGRESS_STEP_BYTES) {
        reported = bytes;
        onProgress(bytes);
      }
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    reader.releaseLock();
  }
  return { digest: hasher.digestBase64(), size: bytes };
}

/**
 * The worker's side of the protocol: hashes jobs one after the other and answers per job.
 * Kept out of hash.worker.ts so that tests can drive it without a real Worker.
 */
export function createHashWorkerHandler(post: (message: HashResponse) => void): (message: HashRequest) => void {
  const cancelled = new Set<number>();
  let queue: Promise<void> = Promise.resolve();

  async function run(id: number, blob: Blob): Promise<void> {
    if (cancelled.delete(id)) return;
    try {
      const { digest, size } = await hashBlob(blob, {
        onProgress: (bytes) => post({ type: 'progress', id, bytes }),
        isCancelled: () => cancelled.has(id),
      });
      post({ type: 'done', id, digest, size });
    } catch (error) {
      if (error instanceof CancelledHash) return;
      const unreadable =
        error instanceof DOMException && (error.name === 'NotReadableError' || error.name === 'NotFoundError');
      post({ type: 'error', id, message: error instanceof Error ? error.message : String(error), unreadable });
    } finally {
      cancelled.delete(id);
    }
  }

  return (message) => {
    if (message.type === 'cancel') {
      for (const id of message.ids) cancelled.add(id);
      return;
    }
    for (const job of message.jobs) queue = queue.then(() => run(job.id, job.blob));
  };
}

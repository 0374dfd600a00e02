import { createMD5 } from 'hash-wasm';
import type { IHasher } from 'hash-wasm';
import { bytesToBase64, createMd5Hasher } from '../domain/digest';
import type { HashJob, HashRequest, HashResponse } from './hash-protocol';

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

/**
 * One md5 instance re-initialised per small file: creating a hash-wasm instance costs
 * ~130 µs, hashing 4 KiB ~10 µs, so a 10,000-file folder would spend most of its time
 * instantiating. Safe to share: init → update → digest runs without an await in between.
 */
let smallHasher: Promise<IHasher> | null = null;

async function md5SmallBase64(bytes: Uint8Array): Promise<string> {
  smallHasher ??= createMD5();
  const hasher = await smallHasher;
  hasher.init();
  hasher.update(bytes);
  return bytesToBase64(hasher.digest('binary'));
}

export class CancelledHash extends Error {
  override readonly name = 'CancelledHash';
}

/** Bytes per read of a streamed blob when the stream takes our buffer (BYOB). */
export const STREAM_BUFFER_BYTES = 1024 * 1024;

interface ChunkReader {
  read(): Promise<{ done: boolean; value: Uint8Array | undefined }>;
  cancel(): Promise<void>;
  releaseLock(): void;
}

/**
 * Reads `blob.stream()` into one reused buffer where the stream is a byte stream (BYOB): the
 * default reader hands out a new ArrayBuffer per chunk, and a GB file leaves hundreds of MB of
 * them for the garbage collector to find. Falls back to the default reader elsewhere.
 */
function streamReader(blob: Blob): ChunkReader {
  const stream = blob.stream();
  let byob: ReadableStreamBYOBReader;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    return stream.getReader();
  }
  let buffer = new ArrayBuffer(STREAM_BUFFER_BYTES);
  return {
    async read() {
      const { done, value } = await byob.read(new Uint8Array(buffer, 0, buffer.byteLength));
      if (value) buffer = value.buffer; // the view's buffer is ours again once read
      return { done, value };
    },
    cancel: () => byob.cancel(),
    releaseLock: () => byob.releaseLock(),
  };
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
    return { digest: await md5SmallBase64(bytes), size: bytes.byteLength };
  }
  const hasher = await createMd5Hasher();
  const reader = streamReader(blob);
  let bytes = 0;
  let reported = 0;
  try {
    for (;;) {
      if (isCancelled()) throw new CancelledHash('cancelled');
      const { done, value } = await reader.read();
      if (done || !value) break;
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

/** Small files read at once per worker: overlaps the read latency of one with the hashing of another. */
export const SMALL_FILES_IN_PARALLEL = 4;

/**
 * The worker's side of the protocol: answers per job, in any order. Large blobs are streamed
 * one at a time; up to SMALL_FILES_IN_PARALLEL small ones are read concurrently.
 * Kept out of hash.worker.ts so that tests can drive it without a real Worker.
 */
export function createHashWorkerHandler(post: (message: HashResponse) => void): (message: HashRequest) => void {
  const cancelled = new Set<number>();
  const queue: HashJob[] = [];
  let head = 0;
  let active = 0;
  let activeLarge = false;

  async function run(id: number, blob: Blob): Promise<void> {
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

  function pump(): void {
    while (head < queue.length) {
      const job = queue[head];
      if (!job) break;
      if (cancelled.delete(job.id)) {
        head += 1;
        continue;
      }
      const large = job.blob.size > SMALL_FILE_BYTES;
      if (active > 0 && (large || activeLarge || active >= SMALL_FILES_IN_PARALLEL)) break;
      head += 1;
      active += 1;
      activeLarge = large;
      void run(job.id, job.blob).finally(() => {
        active -= 1;
        if (active === 0) activeLarge = false;
        pump();
      });
    }
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    }
  }

  return (message) => {
    if (message.type === 'cancel') {
      for (const id of message.ids) cancelled.add(id);
      return;
    }
    queue.push(...message.jobs);
    pump();
  };
}

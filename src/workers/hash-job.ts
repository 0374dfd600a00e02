import { createMD5 } from 'hash-wasm';
import type { IHasher } from 'hash-wasm';
import { bytesToBase64, createMd5Hasher } from '../domain/digest';
import { SMALL_FILE_BYTES } from './hash-protocol';
import type { HashJob, HashRequest, HashResponse, HashResult } from './hash-protocol';
/** A large file reports progress after at least this many more bytes. */
export const PROGRESS_STEP_BYTES = 4 * 1024 * 1024;

export interface HashBlobOptions {
  /** Bytes read so far; called at most once per PROGRESS_STEP_BYTES for large blobs. */
  onProgress?: (bytes: number) => void;
  /** Polled between chunks; true stops reading and rejects with a CancelledHash. */
  isCancelled?: () => boolean;
  /** Return the bytes of a small blob (up to SMALL_FILE_BYTES) with its digest. */
  keep?: boolean;
}

export interface HashedBlob {
  digest: string;
  size: number;
  /** The bytes hashed: only for a small blob asked to `keep` them. */
  bytes?: ArrayBuffer;
}

/**
 * One md5 instance re-initialised per small file: creating a hash-wasm instance costs far more
 * than hashing a few KiB, so a folder of many small files would spend most of its time
 * instantiating (bench row "ingest a 10,000-file folder of 4 KiB files …"). Safe to share:
 * init → update → digest runs without an await in between.
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
export async function hashBlob(blob: Blob, options: HashBlobOptions = {}): Promise<HashedBlob> {
  const { onProgress, isCancelled = () => false, keep = false } = options;
  if (blob.size <= SMALL_FILE_BYTES) {
    const buffer = await blob.arrayBuffer();
    if (isCancelled()) throw new CancelledHash('cancelled');
    const digest = await md5SmallBase64(new Uint8Array(buffer));
    return keep ? { digest, size: buffer.byteLength, bytes: buffer } : { digest, size: buffer.byteLength };
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

/**
 * Small files are read together: one composite Blob of up to SMALL_FILES_PER_READ files (and
 * SMALL_BYTES_PER_READ bytes) is one browser round trip instead of one per file, which is what
 * many small files cost (bench row "ingest a 10,000-file folder of 4 KiB files …").
 */
export const SMALL_FILES_PER_READ = 64;
const SMALL_BYTES_PER_READ = 1024 * 1024;
/** Reads of small files in flight at once per worker: their latencies overlap each other and the hashing. */
export const SMALL_READS_IN_PARALLEL = 4;
/** Finished jobs are answered together once this many are ready (one message per file costs the page a task each)… */
export const RESULTS_PER_MESSAGE = SMALL_FILES_PER_READ;
/** …or once they add up to this many bytes (the pool refills a worker by bytes too)… */
const RESULT_BYTES_PER_MESSAGE = 4 * 1024 * 1024;
/** …or this long after the first of them finished, or when the worker has nothing left to do. */
const RESULT_DELAY_MS = 50;

export type PostHashResponse = (message: HashResponse, transfer: Transferable[]) => void;

export interface HashWorkerHandlerOptions {
  /** Reads several blobs as one buffer, in order (tests inject failures here). */
  readTogether?: (blobs: readonly Blob[]) => Promise<ArrayBuffer>;
}

const readTogetherAsBlob = (blobs: readonly Blob[]): Promise<ArrayBuffer> => new Blob([...blobs]).arrayBuffer();

/**
 * The worker's side of the protocol: answers jobs in any order, several per message. Large
 * blobs are streamed one at a time; small ones are read in groups (see SMALL_FILES_PER_READ),
 * SMALL_READS_IN_PARALLEL groups at once. Kept bytes are transferred, not copied.
 * Kept out of hash.worker.ts so that tests can drive it without a real Worker.
 */
export function createHashWorkerHandler(post: PostHashResponse, options: HashWorkerHandlerOptions = {}): (message: HashRequest) => void {
  const readTogether = options.readTogether ?? readTogetherAsBlob;
  const cancelled = new Set<number>();
  const queue: HashJob[] = [];
  let head = 0;
  let active = 0;
  let activeLarge = false;
  let results: HashResult[] = [];
  let transfer: ArrayBuffer[] = [];
  let resultBytes = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function sendResults(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (results.length === 0) return;
    post({ type: 'done', results }, transfer);
    results = [];
    transfer = [];
    resultBytes = 0;
  }

  function answer(result: HashResult): void {
    results.push(result);
    if (result.bytes) transfer.push(result.bytes);
    resultBytes += result.size;
    if (results.length >= RESULTS_PER_MESSAGE || resultBytes >= RESULT_BYTES_PER_MESSAGE) sendResults();
    else timer ??= setTimeout(sendResults, RESULT_DELAY_MS);
  }

  async function run(job: HashJob): Promise<void> {
    const { id, blob } = job;
    try {
      const { digest, size, bytes } = await hashBlob(blob, {
        onProgress: (read) => post({ type: 'progress', id, bytes: read }, []),
        isCancelled: () => cancelled.has(id),
        keep: job.keep === true,
      });
      answer(bytes ? { id, digest, size, bytes } : { id, digest, size });
    } catch (error) {
      if (error instanceof CancelledHash) return;
      const unreadable =
        error instanceof DOMException && (error.name === 'NotReadableError' || error.name === 'NotFoundError');
      sendResults();
      post({ type: 'error', id, message: error instanceof Error ? error.message : String(error), unreadable }, []);
    } finally {
      cancelled.delete(id);
    }
  }

  /** Small blobs read as one buffer, then hashed slice by slice. */
  async function runGroup(group: readonly HashJob[]): Promise<void> {
    const [only] = group;
    if (group.length === 1 && only) return run(only);
    const total = group.reduce((sum, job) => sum + job.blob.size, 0);
    let buffer: ArrayBuffer;
    try {
      buffer = await readTogether(group.map((job) => job.blob));
      if (buffer.byteLength !== total) throw new Error(`read ${buffer.byteLength} of ${total} bytes`);
    } catch {
      // One of them cannot be read (moved, changed): one by one, to name it and hash the others.
      for (const job of group) await run(job);
      return;
    }
    let offset = 0;
    for (const { id, blob, keep } of group) {
      const start = offset;
      offset += blob.size;
      if (cancelled.delete(id)) continue;
      const digest = await md5SmallBase64(new Uint8Array(buffer, start, blob.size));
      answer(keep === true ? { id, digest, size: blob.size, bytes: buffer.slice(start, offset) } : { id, digest, size: blob.size });
    }
  }

  /** The next group of small jobs from the queue (skipping cancelled ones); empty when a large one is next. */
  function takeSmallGroup(): HashJob[] {
    const group: HashJob[] = [];
    let bytes = 0;
    while (head < queue.length && group.length < SMALL_FILES_PER_READ) {
      const job = queue[head];
      if (!job) break;
      if (cancelled.delete(job.id)) {
        head += 1;
        continue;
      }
      if (job.blob.size > SMALL_FILE_BYTES || (group.length > 0 && bytes + job.blob.size > SMALL_BYTES_PER_READ)) break;
      group.push(job);
      bytes += job.blob.size;
      head += 1;
    }
    return group;
  }

  function start(work: Promise<void>, large: boolean): void {
    active += 1;
    activeLarge = large;
    void work.finally(() => {
      active -= 1;
      if (active === 0) activeLarge = false;
      pump();
      if (active === 0) sendResults();
    });
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
      if (active > 0 && (large || activeLarge || active >= SMALL_READS_IN_PARALLEL)) break;
      if (large) {
        head += 1;
        start(run(job), true);
        continue;
      }
      const group = takeSmallGroup();
      if (group.length > 0) start(runGroup(group), false);
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

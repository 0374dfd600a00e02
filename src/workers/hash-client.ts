import { AppError } from '../domain/errors';
import { SMALL_FILE_BYTES } from './hash-protocol';
import type { HashJob, HashRequest, HashResponse } from './hash-protocol';

/** What the pool needs from a Worker (a fake one in unit tests). */
export interface WorkerLike {
  postMessage(message: HashRequest): void;
  onmessage: ((event: MessageEvent<HashResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface HashItem {
  readonly blob: Blob;
  /** Shown as the current file in progress reports and named in errors. */
  readonly name: string;
}

export interface HashProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** The file being read most recently, null when none is. */
  readonly current: string | null;
}

/**
 * Bytes of small files kept from hashing, by file, so that storing them need not read the files
 * again (a second read costs the page a browser round trip per file). Holds at most `capBytes`;
 * files beyond that are simply not kept (whoever stores them reads them again).
 */
export class HashedBytes {
  readonly capBytes: number;
  private readonly byBlob = new Map<Blob, ArrayBuffer>();
  private held = 0;

  constructor(capBytes: number) {
    this.capBytes = capBytes;
  }

  /** Bytes held now. */
  get size(): number {
    return this.held;
  }

  /** Whether bytes of this size would still be kept. */
  hasRoomFor(size: number): boolean {
    return this.held + size <= this.capBytes;
  }

  /** Keeps `bytes` as the content of `blob` when there is room; false when not kept. */
  offer(blob: Blob, bytes: ArrayBuffer): boolean {
    if (this.byBlob.has(blob) || !this.hasRoomFor(bytes.byteLength)) return false;
    this.byBlob.set(blob, bytes);
    this.held += bytes.byteLength;
    return true;
  }

  get(blob: Blob): ArrayBuffer | undefined {
    return this.byBlob.get(blob);
  }

  /** Forgets the bytes of `blob` (once stored, say), making room for others. */
  release(blob: Blob): void {
    const bytes = this.byBlob.get(blob);
    if (!bytes) return;
    this.byBlob.delete(blob);
    this.held -= bytes.byteLength;
  }

  clear(): void {
    this.byBlob.clear();
    this.held = 0;
  }
}

export interface HashOptions {
  signal?: AbortSignal;
  /** Keep the bytes of small files (up to SMALL_FILE_BYTES each) here, as far as its cap allows. */
  keep?: HashedBytes;
  /** Called after every worker message; cheap listeners only (throttle rendering yourself). */
  onProgress?: (progress: HashProgress) => void;
  /** Called as each item is hashed, with the bytes read when they were kept (see `keep`). */
  onHashed?: (item: HashItem, digest: string, bytes: ArrayBuffer | undefined) => void;
}

export interface HashPool {
  readonly size: number;
  /** base64 md5 of every item, in input order. Rejects with AppError('cancelled') on abort. */
  hashAll(items: readonly HashItem[], options?: HashOptions): Promise<string[]>;
  /** Terminates the workers; pending runs reject. */
  dispose(): void;
}

export interface HashPoolOptions {
  size?: number;
  createWorker?: () => WorkerLike;
}

/** A worker is handed more jobs while it has fewer than these outstanding. */
const MAX_JOBS_IN_FLIGHT = 512;
const MAX_BYTES_IN_FLIGHT = 16 * 1024 * 1024;

/**
 * A worker is refilled once it is down to these (refilling per finished job would send one job
 * per message); well above the worker's RESULTS_PER_MESSAGE, so that it never runs dry while
 * its answers are on their way.
 */
const REFILL_JOBS = 256;
/** Jobs handed to a worker at once, at least (unless fewer are queued). */
const MIN_JOBS_PER_MESSAGE = 8;
const REFILL_BYTES = MAX_BYTES_IN_FLIGHT / 2;

function wantsMore(slot: { jobs: Map<number, number>; bytes: number }): boolean {
  return slot.jobs.size === 0 || (slot.jobs.size <= REFILL_JOBS && slot.bytes <= REFILL_BYTES);
}

/** One worker per core, capped at 4 (the disk, not the CPU, limits beyond that). */
export function defaultPoolSize(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(4, cores));
}

function createBrowserWorker(): WorkerLike {
  return new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module', name: 'hash' });
}

interface Run {
  readonly items: readonly HashItem[];
  readonly digests: string[];
  readonly partial: Map<number, number>;
  readonly options: HashOptions;
  readonly resolve: (digests: string[]) => void;
  readonly reject: (error: AppError) => void;
  readonly firstId: number;
  filesDone: number;
  bytesDone: number;
  readonly bytesTotal: number;
  current: string | null;
}

interface Slot {
  readonly worker: WorkerLike;
  readonly jobs: Map<number, number>; // job id → size
  bytes: number;
}

export function createHashPool(options: HashPoolOptions = {}): HashPool {
  const size = options.size ?? defaultPoolSize();
  const createWorker = options.createWorker ?? createBrowserWorker;
  const slots: Slot[] = [];
  // Pending job ids in order; ids whose run has failed are skipped when reached.
  let queue: number[] = [];
  let head = 0;
  const owner = new Map<number, Run>(); // job id → run, while queued or in flight
  let nextId = 1;

  const runOf = (id: number): Run | undefined => owner.get(id);
  const report = (run: Run): void => {
    let partial = 0;
    for (const bytes of run.partial.values()) partial += bytes;
    run.options.onProgress?.({
      filesDone: run.filesDone,
      filesTotal: run.items.length,
      bytesDone: run.bytesDone + partial,
      bytesTotal: run.bytesTotal,
      current: run.current,
    });
  };

  function finishJob(slot: Slot, id: number): void {
    const bytes = slot.jobs.get(id);
    if (bytes === undefined) return;
    slot.jobs.delete(id);
    slot.bytes -= bytes;
  }

  function fail(run: Run, error: AppError): void {
    const ids = [...owner.entries()].filter(([, r]) => r === run).map(([id]) => id);
    for (const id of ids) owner.delete(id);
    for (const slot of slots) {
      const mine = ids.filter((id) => slot.jobs.has(id));
      if (mine.length === 0) continue;
      for (const id of mine) finishJob(slot, id);
      slot.worker.postMessage({ type: 'cancel', ids: mine });
    }
    run.reject(error);
    pump();
  }

  function onMessage(slot: Slot, message: HashResponse): void {
    if (message.type === 'done') {
      const finished = new Set<Run>();
      for (const { id, digest, size, bytes } of message.results) {
        finishJob(slot, id);
        const run = runOf(id);
        if (!run) continue;
        const item = run.items[id - run.firstId];
        owner.delete(id);
        run.partial.delete(id);
        run.digests[id - run.firstId] = digest;
        run.filesDone += 1;
        run.bytesDone += size;
        run.current = item?.name ?? null;
        const kept = bytes && item && run.options.keep?.offer(item.blob, bytes) ? bytes : undefined;
        if (item) run.options.onHashed?.(item, digest, kept);
        finished.add(run);
      }
      for (const run of finished) {
        report(run);
        if (run.filesDone === run.items.length) {
          run.current = null;
          run.resolve(run.digests);
        }
      }
      return pump();
    }
    const run = runOf(message.id);
    if (!run) return finishJob(slot, message.id);
    const index = message.id - run.firstId;
    const item = run.items[index];
    if (message.type === 'progress') {
      run.partial.set(message.id, message.bytes);
      run.current = item?.name ?? null;
      return report(run);
    }
    finishJob(slot, message.id);
    const name = item?.name ?? `#${index}`;
    const code = message.unreadable ? 'not-found' : 'internal';
    fail(run, new AppError(code, `file "${name}" could not be read (was it moved or changed?): ${message.message}`));
  }

  function addSlot(): Slot {
    const slot: Slot = { worker: createWorker(), jobs: new Map(), bytes: 0 };
    slot.worker.onmessage = (event) => onMessage(slot, event.data);
    slot.worker.onerror = (event) => {
      const runs = new Set([...slot.jobs.keys()].map(runOf).filter((r): r is Run => r !== undefined));
      for (const run of runs) fail(run, new AppError('internal', `the hash worker failed: ${event.message}`));
    };
    slots.push(slot);
    return slot;
  }

  function pump(): void {
    while (head < queue.length && owner.get(queue[head] ?? 0) === undefined) head += 1;
    if (head === queue.length) {
      queue = [];
      head = 0;
    }
    while (head < queue.length) {
      if (slots.length < size && slots.every((s) => s.jobs.size > 0)) addSlot();
      const slot = slots.reduce<Slot | undefined>((best, s) => (!best || s.bytes < best.bytes ? s : best), undefined);
      if (!slot || !wantsMore(slot)) return;
      const jobs: HashJob[] = [];
      // A fair share of what is queued, so that a few hundred files still spread over the pool.
      const most = Math.min(MAX_JOBS_IN_FLIGHT, slot.jobs.size + Math.max(MIN_JOBS_PER_MESSAGE, Math.ceil((queue.length - head) / size)));
      while (head < queue.length && slot.jobs.size < most && (slot.jobs.size === 0 || slot.bytes < MAX_BYTES_IN_FLIGHT)) {
        const id = queue[head++] ?? 0;
        const run = owner.get(id);
        const blob = run?.items[id - run.firstId]?.blob;
        if (!run || !blob) continue;
        const size = blob.size;
        slot.jobs.set(id, size);
        slot.bytes += size;
        const keep = run.options.keep;
        jobs.push(keep && size <= SMALL_FILE_BYTES && keep.hasRoomFor(size) ? { id, blob, keep: true } : { id, blob });
      }
      if (jobs.length > 0) slot.worker.postMessage({ type: 'hash', jobs });
    }
  }

  return {
    size,
    hashAll(items, hashOptions = {}) {
      const { signal } = hashOptions;
      if (signal?.aborted) return Promise.reject(new AppError('cancelled', 'hashing was cancelled'));
      if (items.length === 0) return Promise.resolve([]);
      return new Promise<string[]>((resolve, reject) => {
        const onAbort = (): void => fail(run, new AppError('cancelled', 'hashing was cancelled'));
        const run: Run = {
          items,
          digests: new Array<string>(items.length),
          partial: new Map(),
          options: hashOptions,
          resolve: (digests) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(digests);
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
          firstId: nextId,
          filesDone: 0,
          bytesDone: 0,
          bytesTotal: items.reduce((sum, item) => sum + item.blob.size, 0),
          current: null,
        };
        nextId += items.length;
        items.forEach((_, i) => {
          owner.set(run.firstId + i, run);
          queue.push(run.firstId + i);
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        report(run);
        pump();
      });
    },
    dispose() {
      const runs = new Set(owner.values());
      for (const run of runs) fail(run, new AppError('cancelled', 'the hash pool was closed'));
      for (const slot of slots) slot.worker.terminate();
      slots.length = 0;
    },
  };
}

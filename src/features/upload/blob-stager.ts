import { toAppError } from '../../domain/errors';
import type { AppError } from '../../domain/errors';
import type { ArtifactStore, BlobInput } from '../../store/artifact-store';
import { holdIngestLock } from '../../store/ingest-lock';

/**
 * Only blobs up to this size are staged early: per-file costs make many small files slow to
 * store, and those are where writing while hashing pays. Bigger ones are written by the commit,
 * after the user confirmed and the free space was checked.
 */
export const EAGER_STAGING_MAX_BYTES = 64 * 1024;
/** Blobs per putBlobs call: what queued up meanwhile, up to this many (the store batches further). */
const BATCH_BLOBS = 2000;
const BATCH_BYTES = 16 * 1024 * 1024;

export interface BlobStagerOptions {
  /** Hears of each stored batch (to let go of bytes kept for it). */
  onStored?: (blobs: readonly BlobInput[]) => void;
  /** Hears why staging stopped, once, when it failed (a cancel is no failure). */
  onFailure?: (error: AppError) => void;
}

/**
 * Stores the bytes of hashed files while the rest of an upload is still being hashed, so that
 * the commit is left with little or nothing to write. Only for stores that allow it
 * (`eagerStaging`): what it stages is not referenced by any version until a commit takes it,
 * and `discard()` removes whatever no commit took (garbage collection at the next start does,
 * after a crash).
 *
 * Which digests the store lacked is settled before they are written, so `isNew` can tell a
 * preview which bytes the upload adds even once they are in the store. While staging, the
 * shared ingest lock keeps other tabs' start-up garbage collection away.
 */
export class BlobStager {
  private readonly store: ArtifactStore;
  private readonly onStored: (blobs: readonly BlobInput[]) => void;
  private readonly onFailure: (error: AppError) => void;
  private readonly queue: BlobInput[] = [];
  private readonly offered = new Set<string>();
  /** Digests the store lacked when this stager looked: written (or being written) by it. */
  private readonly added = new Set<string>();
  /** Digests whose putBlobs call succeeded: in the store, unless another tab freed them since. */
  private readonly stored = new Set<string>();
  private readonly controller = new AbortController();
  private draining: Promise<void> | null = null;
  private releaseLock: (() => void) | null = null;
  private stopped = false;
  private failure: AppError | null = null;

  constructor(store: ArtifactStore, options: BlobStagerOptions = {}) {
    this.store = store;
    this.onStored = options.onStored ?? (() => undefined);
    this.onFailure = options.onFailure ?? (() => undefined);
  }

  /** Queues a hashed blob for staging (once per digest; ignored when bigger than EAGER_STAGING_MAX_BYTES, after a failure or a discard). */
  offer(blob: BlobInput): void {
    const size = blob.bytes?.byteLength ?? blob.blob.size;
    if (size > EAGER_STAGING_MAX_BYTES || this.stopped || this.offered.has(blob.digest)) return;
    this.offered.add(blob.digest);
    this.queue.push(blob);
    this.draining ??= this.drain();
  }

  /** Whether this stager found `digest` missing from the store (and so wrote it, or is writing it). */
  isNew(digest: string): boolean {
    return this.added.has(digest);
  }

  /**
   * Whether this stager stored `digest` (its putBlobs call succeeded). A commit need not look
   * it up again: the commit transaction refuses a blob that went missing meanwhile.
   */
  holds(digest: string): boolean {
    return this.stored.has(digest);
  }

  /** Why staging stopped early, if it did (the commit writes what is left and reports properly). */
  get error(): AppError | null {
    return this.failure;
  }

  /** Resolves once everything offered so far is stored, or staging stopped. Never rejects. */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /**
   * Stops staging and removes the blobs this stager added that no version references (all of
   * them after a cancel, those the commit did not take after one). Then lets go of the lock.
   */
  async discard(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    this.controller.abort();
    await this.settled();
    try {
      if (this.added.size > 0) {
        await this.store.collectGarbage({ stagedBefore: Number.POSITIVE_INFINITY, digests: [...this.added] });
      }
    } catch {
      // Left for the garbage collection at the next start.
    } finally {
      this.added.clear();
      this.stored.clear();
      this.releaseLock?.();
      this.releaseLock = null;
    }
  }

  private async drain(): Promise<void> {
    try {
      this.releaseLock ??= await holdIngestLock();
      while (this.queue.length > 0 && !this.stopped) {
        const batch = this.takeBatch();
        await this.store.putBlobs(batch, {
          signal: this.controller.signal,
          onMissing: (digests) => digests.forEach((d) => this.added.add(d)),
        });
        for (const b of batch) this.stored.add(b.digest);
        this.onStored(batch);
      }
    } catch (error) {
      const appError = toAppError(error);
      this.stopped = true;
      if (appError.code !== 'cancelled') {
        this.failure = appError;
        this.onFailure(appError);
      }
    } finally {
      this.draining = null;
    }
  }

  private takeBatch(): BlobInput[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && count < BATCH_BLOBS && bytes < BATCH_BYTES) {
      const next = this.queue[count];
      bytes += next?.bytes?.byteLength ?? next?.blob.size ?? 0;
      count += 1;
    }
    return this.queue.splice(0, count);
  }
}

/** A stager for this store, or null where uploads must not stage before the commit (the commit then writes everything). */
export function stagerFor(store: ArtifactStore, options: BlobStagerOptions = {}): BlobStager | null {
  return store.eagerStaging ? new BlobStager(store, options) : null;
}

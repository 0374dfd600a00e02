import { AppError } from '../../domain/errors';
import type { ArtifactStore, CommitResult } from '../../store/artifact-store';
import { withIngestLock } from '../../store/ingest-lock';
import { ingestVersion } from '../../store/ingest/ingest-version';
import type { IngestInput, IngestProgress } from '../../store/ingest/ingest-version';
import type { BlobStager } from './blob-stager';
import { isQuotaError, toUploadError } from './upload-errors';
import type { StorageEstimateLike } from './upload-errors';

export type { ExistingRunDraft, NewRunDraft, RunDraft } from '../../store/ingest/ingest-version';
export type CommitDraftInput = IngestInput;
export type CommitProgress = IngestProgress;

export interface CommitDraftOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CommitProgress) => void;
  /** `navigator.storage.estimate`, injectable for tests; null where the browser has none. */
  readonly estimate?: (() => Promise<StorageEstimateLike>) | null;
  readonly now?: () => number;
  /** Blobs of this draft being staged ahead of the commit: waited for, so that they are not written twice. */
  readonly stager?: BlobStager | null;
}

/**
 * Logs a draft through the shared ingest core (only the blobs the store lacks are written, one
 * atomic commit, cleanup on failure), adding what the browser needs around it: the blobs the
 * stager already stored, the storage quota checked before writing, the ingest lock other tabs'
 * garbage collection respects, and errors turned into AppErrors with an actionable message.
 */
export async function commitDraft(store: ArtifactStore, input: CommitDraftInput, options: CommitDraftOptions = {}): Promise<CommitResult> {
  // Held while blobs are staged, so that another tab's start-up garbage collection spares them.
  return withIngestLock(() => commitDraftHeld(store, input, options));
}

async function commitDraftHeld(store: ArtifactStore, input: CommitDraftInput, options: CommitDraftOptions): Promise<CommitResult> {
  const { stager } = options;
  const estimate = options.estimate === undefined ? browserEstimate() : options.estimate;
  let needed = 0;
  let storageEstimate: StorageEstimateLike | null = null;
  try {
    options.onProgress?.({ phase: 'checking', bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0, current: null });
    await stager?.settled();
    return await ingestVersion(store, input, {
      signal: options.signal,
      onProgress: options.onProgress,
      now: options.now,
      knownStored: stager ? (digest) => stager.holds(digest) : undefined,
      beforeWrite: async (bytesNeeded) => {
        needed = bytesNeeded;
        if (!estimate) return;
        storageEstimate = await estimate().catch(() => null);
        const quota = storageEstimate?.quota;
        if (quota !== undefined && bytesNeeded > quota - (storageEstimate?.usage ?? 0)) {
          throw new DOMException('not enough space', 'QuotaExceededError');
        }
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'cancelled') throw error;
    // A refusal mid-write: the estimate taken before writing is stale (it said there was room).
    if (estimate && (!storageEstimate || isQuotaError(error))) storageEstimate = await estimate().catch(() => storageEstimate);
    throw toUploadError(error, needed, storageEstimate);
  }
}

function browserEstimate(): (() => Promise<StorageEstimateLike>) | null {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  return () => navigator.storage.estimate();
}

let persistAsked = false;

/** Asks the browser once per session not to evict our data under storage pressure. */
export function requestPersistentStorage(): void {
  if (persistAsked || typeof navigator === 'undefined' || !navigator.storage?.persist) return;
  persistAsked = true;
  void navigator.storage.persist().catch(() => undefined);
}

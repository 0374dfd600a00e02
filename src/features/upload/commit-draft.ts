import { AppError } from '../../domain/errors';
import type { JsonObject, ManifestEntry, RunId, VersionId } from '../../domain/types';
import type { ArtifactStore, BlobInput, CommitResult } from '../../store/artifact-store';
import { withIngestLock } from '../../store/ingest-lock';
import type { BlobStager } from './blob-stager';
import { cumulativeSizes, filesWrittenAt } from './ingest-progress';
import { isQuotaError, toUploadError } from './upload-errors';
import type { StorageEstimateLike } from './upload-errors';

/** A run recorded with the version (and deleted again should the commit fail). */
export interface NewRunDraft {
  readonly name: string;
  readonly jobType: string;
  readonly config: JsonObject;
  readonly inputs: readonly VersionId[];
}

/** A run already in the store (recorded by hand or by the CLI) that produced the version. */
export interface ExistingRunDraft {
  readonly runId: RunId;
}

export type RunDraft = NewRunDraft | ExistingRunDraft;

export interface CommitDraftInput {
  readonly project: string;
  readonly artifactName: string;
  readonly type: string;
  readonly description: string;
  readonly metadata: JsonObject;
  readonly tags: readonly string[];
  readonly aliases: readonly string[];
  /** The complete manifest of the new version. */
  readonly entries: readonly ManifestEntry[];
  /** The bytes of every non-reference entry, by digest. */
  readonly blobs: ReadonlyMap<string, Blob>;
  /**
   * The content of some of `blobs` already in memory (read by the hash workers), by digest:
   * stored as it is instead of reading those files a second time.
   */
  readonly bytes?: ReadonlyMap<string, ArrayBuffer>;
  readonly run: RunDraft | null;
}

export interface CommitProgress {
  readonly phase: 'checking' | 'writing' | 'committing';
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** New blobs written completely, of those the store lacked. */
  readonly filesDone: number;
  readonly filesTotal: number;
  /** Path of the file being written. */
  readonly current: string | null;
}

export interface CommitDraftOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CommitProgress) => void;
  /** `navigator.storage.estimate`, injectable for tests; null where the browser has none. */
  readonly estimate?: (() => Promise<StorageEstimateLike>) | null;
  readonly now?: () => number;
  /** Blobs of this draft being staged ahead of the commit: waited for, so that they are not written twice. */
  readonly stager?: BlobStager | null;
}

const cancelled = (): AppError => new AppError('cancelled', 'the upload was cancelled; nothing was saved');

/**
 * Logs a draft: writes only the blobs the store lacks (the store batches them into
 * transactions), creates the producing run, then commits the version atomically. When
 * anything fails or is cancelled after blobs were written, they are collected again so that
 * nothing is left behind; errors come back as AppErrors with an actionable message.
 */
export async function commitDraft(store: ArtifactStore, input: CommitDraftInput, options: CommitDraftOptions = {}): Promise<CommitResult> {
  // Held while blobs are staged, so that another tab's start-up garbage collection spares them.
  return withIngestLock(() => commitDraftHeld(store, input, options));
}

async function commitDraftHeld(store: ArtifactStore, input: CommitDraftInput, options: CommitDraftOptions): Promise<CommitResult> {
  const { signal, onProgress, now = Date.now, stager } = options;
  const estimate = options.estimate === undefined ? browserEstimate() : options.estimate;
  let needed = 0;
  const written: string[] = [];
  let createdRun: RunId | null = null;
  let storageEstimate: StorageEstimateLike | null = null;
  try {
    onProgress?.({ phase: 'checking', bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0, current: null });
    await stager?.settled();
    await store.ensureProject(input.project);
    const digests = [...input.blobs.keys()];
    const present = await blobsPresent(store, digests, stager);
    const missing = blobsMissingFrom(input, present);
    const sizes = missing.map((b) => b.bytes?.byteLength ?? b.blob.size);
    needed = sizes.reduce((sum, size) => sum + size, 0);
    if (estimate && needed > 0) {
      storageEstimate = await estimate().catch(() => null);
      const quota = storageEstimate?.quota;
      if (quota !== undefined && needed > quota - (storageEstimate?.usage ?? 0)) {
        throw new DOMException('not enough space', 'QuotaExceededError');
      }
    }
    if (signal?.aborted) throw cancelled();
    const ends = cumulativeSizes(sizes);
    const pathOf = new Map<string, string>();
    for (const entry of input.entries) if (!pathOf.has(entry.digest)) pathOf.set(entry.digest, entry.path);
    const writing = (bytesDone: number): CommitProgress => {
      const filesDone = filesWrittenAt(ends, bytesDone);
      const digest = missing[filesDone]?.digest;
      const current = digest === undefined ? null : (pathOf.get(digest) ?? digest);
      return { phase: 'writing', bytesDone, bytesTotal: needed, filesDone, filesTotal: missing.length, current };
    };
    onProgress?.(writing(0));
    if (missing.length > 0) {
      written.push(...missing.map((b) => b.digest));
      await store.putBlobs(missing, { signal, onProgress: (bytesDone) => onProgress?.(writing(bytesDone)) });
    }
    if (signal?.aborted) throw cancelled();
    onProgress?.({ ...writing(needed), phase: 'committing' });
    let producedBy: RunId | null = null;
    if (input.run && 'runId' in input.run) {
      producedBy = input.run.runId;
    } else if (input.run) {
      const at = now();
      const run = await store.createRun({
        project: input.project,
        name: input.run.name,
        jobType: input.run.jobType,
        config: input.run.config,
        inputs: input.run.inputs,
        state: 'finished',
        startedAt: at,
        finishedAt: at,
      });
      producedBy = run.id;
      createdRun = run.id;
    }
    const commit = () =>
      store.commitVersion({
        project: input.project,
        artifactName: input.artifactName,
        type: input.type,
        entries: input.entries,
        description: input.description,
        metadata: input.metadata,
        tags: input.tags,
        aliases: input.aliases,
        producedBy,
      });
    try {
      return await commit();
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'missing-blob') || signal?.aborted) throw error;
      // Blobs found stored a moment ago were freed since (a version deleted in another tab): write them, try once more.
      const lost = blobsMissingFrom(input, await store.hasBlobs(digests));
      if (lost.length === 0) throw error;
      written.push(...lost.map((b) => b.digest));
      await store.putBlobs(lost, { signal });
      return await commit();
    }
  } catch (error) {
    // Leave nothing behind: the run made for this commit, and the blobs it wrote that no version took.
    if (createdRun) await store.deleteRun(createdRun, { outputs: 'keep' }).catch(() => undefined);
    if (written.length > 0) await store.collectGarbage({ stagedBefore: now() + 1, digests: written }).catch(() => undefined);
    const aborted = signal?.aborted || (error instanceof DOMException && error.name === 'AbortError');
    if (aborted) throw cancelled();
    // A refusal mid-write: the estimate taken before writing is stale (it said there was room).
    if (estimate && (!storageEstimate || isQuotaError(error))) storageEstimate = await estimate().catch(() => storageEstimate);
    throw toUploadError(error, needed, storageEstimate);
  }
}

/** Which of `digests` the store holds: the stager's word for what it stored, a lookup for the rest. */
async function blobsPresent(store: ArtifactStore, digests: readonly string[], stager: BlobStager | null | undefined): Promise<Set<string>> {
  const present = new Set<string>();
  const unknown: string[] = [];
  for (const d of digests) {
    if (stager?.holds(d)) present.add(d);
    else unknown.push(d);
  }
  if (unknown.length > 0) for (const d of await store.hasBlobs(unknown)) present.add(d);
  return present;
}

/** The draft's blobs the store does not hold, with their bytes when the hash workers kept them. */
function blobsMissingFrom(input: CommitDraftInput, present: ReadonlySet<string>): BlobInput[] {
  return [...input.blobs].flatMap(([digest, blob]) => {
    if (present.has(digest)) return [];
    const bytes = input.bytes?.get(digest);
    return [bytes ? { digest, blob, bytes } : { digest, blob }];
  });
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

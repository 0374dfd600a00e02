/**
 * The one ingest path of every front end (the browser's upload, the CLI, the SDK): find the
 * blobs the store lacks, write only those, then commit the version atomically. Identical
 * content makes no new version (the store adds the aliases to the existing one). Whatever this
 * call wrote is collected again when it fails or is cancelled, so nothing is left behind.
 * No React, no DOM: it runs in Node as it runs in the browser.
 */
import { AppError } from '../../domain/errors';
import type { JsonObject, ManifestEntry, RunId, VersionId } from '../../domain/types';
import type { ArtifactStore, BlobInput, CommitResult } from '../artifact-store';
import { cumulativeSizes, filesWrittenAt } from './written-files';

/** A run to record as the producer of the version, made just before the commit (and deleted again should the commit fail). */
export interface NewRunDraft {
  readonly name: string;
  readonly jobType: string;
  readonly config: JsonObject;
  readonly inputs: readonly VersionId[];
}

/** A run already in the store (recorded by hand or by the CLI) that produced the version; a failed commit leaves it alone. */
export interface ExistingRunDraft {
  readonly runId: RunId;
}

export type RunDraft = NewRunDraft | ExistingRunDraft;

export interface IngestInput {
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
  /** The content of some of `blobs` already in memory, by digest: stored as it is instead of read again. */
  readonly bytes?: ReadonlyMap<string, ArrayBuffer>;
  /** The browser's "Producing run": a run made for this version, or one already recorded; null for none. */
  readonly run: RunDraft | null;
  /** An existing run that produced the version (the CLI's and SDK's runs); ignored when `run` is given. */
  readonly producedBy?: RunId | null;
}

export interface IngestProgress {
  readonly phase: 'checking' | 'writing' | 'committing';
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** New blobs written completely, of those the store lacked. */
  readonly filesDone: number;
  readonly filesTotal: number;
  /** Path of the file being written. */
  readonly current: string | null;
}

export interface IngestOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: IngestProgress) => void;
  readonly now?: () => number;
  /** Digests the caller knows the store holds (e.g. staged by it a moment ago): not looked up again. */
  readonly knownStored?: (digest: string) => boolean;
  /** Called with the bytes to write before any is written; may refuse (e.g. not enough space). */
  readonly beforeWrite?: (bytesNeeded: number) => Promise<void>;
}

export const ingestCancelled = (): AppError => new AppError('cancelled', 'the upload was cancelled; nothing was saved');

const isAbort = (error: unknown, signal: AbortSignal | undefined): boolean =>
  signal?.aborted === true || (error instanceof Error && error.name === 'AbortError') || (error instanceof AppError && error.code === 'cancelled');

/**
 * Logs one version. Errors are rethrown as they came (cancellation as AppError 'cancelled'),
 * after the run made for it and the blobs it wrote that no version took are removed.
 */
export async function ingestVersion(store: ArtifactStore, input: IngestInput, options: IngestOptions = {}): Promise<CommitResult> {
  const { signal, onProgress, now = Date.now } = options;
  const written: string[] = [];
  let createdRun: RunId | null = null;
  try {
    onProgress?.({ phase: 'checking', bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0, current: null });
    await store.ensureProject(input.project);
    const digests = [...input.blobs.keys()];
    const present = await blobsPresent(store, digests, options.knownStored);
    const missing = blobsMissingFrom(input, present);
    const sizes = missing.map((b) => b.bytes?.byteLength ?? b.blob.size);
    const needed = sizes.reduce((sum, size) => sum + size, 0);
    if (needed > 0) await options.beforeWrite?.(needed);
    if (signal?.aborted) throw ingestCancelled();
    const ends = cumulativeSizes(sizes);
    const pathOf = new Map<string, string>();
    for (const entry of input.entries) if (!pathOf.has(entry.digest)) pathOf.set(entry.digest, entry.path);
    const writing = (bytesDone: number): IngestProgress => {
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
    if (signal?.aborted) throw ingestCancelled();
    onProgress?.({ ...writing(needed), phase: 'committing' });
    let producedBy: RunId | null = input.producedBy ?? null;
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
      // Blobs found stored a moment ago were freed since (a version deleted elsewhere): write them, try once more.
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
    if (isAbort(error, signal)) throw ingestCancelled();
    throw error;
  }
}

/** Which of `digests` the store holds: the caller's word for what it knows, a lookup for the rest. */
async function blobsPresent(store: ArtifactStore, digests: readonly string[], knownStored: ((digest: string) => boolean) | undefined): Promise<Set<string>> {
  const present = new Set<string>();
  const unknown: string[] = [];
  for (const d of digests) {
    if (knownStored?.(d)) present.add(d);
    else unknown.push(d);
  }
  if (unknown.length > 0) for (const d of await store.hasBlobs(unknown)) present.add(d);
  return present;
}

/** The input's blobs the store does not hold, with their bytes when the caller kept them. */
function blobsMissingFrom(input: IngestInput, present: ReadonlySet<string>): BlobInput[] {
  return [...input.blobs].flatMap(([digest, blob]) => {
    if (present.has(digest)) return [];
    const bytes = input.bytes?.get(digest);
    return [bytes ? { digest, blob, bytes } : { digest, blob }];
  });
}

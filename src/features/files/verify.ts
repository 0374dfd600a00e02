import { entryDigestAlgorithm } from '../../domain/digest';
import { AppError, isAppError, toAppError } from '../../domain/errors';
import type { ManifestEntry } from '../../domain/types';
import type { ArtifactStore } from '../../store/artifact-store';
import { digestOfBlob } from './blob-digest';

/** base64 md5 of each blob, in order (the worker pool in the app, plain hash-wasm in tests). */
export type HashMd5 = (blobs: readonly Blob[], signal?: AbortSignal) => Promise<string[]>;

/**
 * What is wrong with a file's stored copy: `missing` (no bytes stored), `truncated` (pieces or
 * bytes missing: fewer than the manifest's size, or the store says so), `mismatch` (wrong
 * bytes), `unreadable` (the store failed to read them).
 */
export type VerifyProblemKind = 'mismatch' | 'missing' | 'truncated' | 'unreadable';

export type VerifyProblem = {
  readonly path: string;
  readonly kind: VerifyProblemKind;
  readonly expected: string;
  /** The digest of the stored bytes; null when they could not be read whole. */
  readonly actual: string | null;
  /** The manifest's size of the file (what a repair must supply). */
  readonly size: number | undefined;
  /** Why, in words: the store's message, or the sizes that differ. */
  readonly detail?: string;
};

export type VerifyProgress = { readonly bytesDone: number; readonly bytesTotal: number; readonly filesDone: number; readonly filesTotal: number };

export type VerifyReport = {
  /** Files whose bytes were hashed (entries sharing a digest are hashed once, counted each). */
  readonly checkedFiles: number;
  readonly checkedBytes: number;
  /** Reference entries: their bytes live elsewhere, nothing to check here. */
  readonly references: number;
  readonly problems: readonly VerifyProblem[];
};

type VerifyOptions = {
  hashMd5?: HashMd5;
  signal?: AbortSignal;
  onProgress?: (progress: VerifyProgress) => void;
  /** Bytes read before they are handed to the hasher together (default 32 MiB). */
  batchBytes?: number;
};

export const hashMd5InPlace: HashMd5 = async (blobs) => {
  const out: string[] = [];
  for (const blob of blobs) out.push(await digestOfBlob(blob, 'md5'));
  return out;
};

/**
 * Reads every stored blob of a version and hashes it again, reporting entries whose bytes are
 * missing or do not match the manifest's digest. Reads in batches so memory stays bounded.
 */
export async function verifyEntries(
  store: Pick<ArtifactStore, 'readBlob'>,
  entries: readonly ManifestEntry[],
  { hashMd5 = hashMd5InPlace, signal, onProgress, batchBytes = 32 * 1024 * 1024 }: VerifyOptions = {},
): Promise<VerifyReport> {
  const byDigest = new Map<string, { paths: string[]; algorithm: 'md5' | 'xxh128'; size: number }>();
  let references = 0;
  for (const entry of entries) {
    const algorithm = entryDigestAlgorithm(entry);
    if (algorithm === 'reference') {
      references++;
      continue;
    }
    const group = byDigest.get(entry.digest);
    if (group) group.paths.push(entry.path);
    else byDigest.set(entry.digest, { paths: [entry.path], algorithm, size: entry.size ?? 0 });
  }
  const filesTotal = entries.length - references;
  const bytesTotal = [...byDigest.values()].reduce((sum, g) => sum + g.size, 0);
  const problems: VerifyProblem[] = [];
  let filesDone = 0;
  let bytesDone = 0;
  let checkedBytes = 0;

  const report = (digest: string, actual: string | null, paths: readonly string[], kind: VerifyProblemKind = 'mismatch', detail?: string) => {
    if (actual === digest) return;
    const size = byDigest.get(digest)?.size;
    for (const path of paths) problems.push({ path, kind, expected: digest, actual, size, ...(detail === undefined ? {} : { detail }) });
  };
  /** The hash of a readable blob that has fewer bytes than the manifest says is reported as truncated. */
  const reportHashed = (digest: string, actual: string | null, blob: Blob, paths: readonly string[]) => {
    const expectedSize = byDigest.get(digest)?.size;
    if (actual !== digest && expectedSize !== undefined && blob.size < expectedSize) {
      report(digest, actual, paths, 'truncated', `${blob.size} of ${expectedSize} bytes are stored`);
    } else report(digest, actual, paths);
  };
  /** Hashes one at a time when a batch failed, so that one unreadable blob does not hide the others. */
  const hashEach = async (items: readonly { digest: string; blob: Blob; paths: string[] }[]) => {
    for (const item of items) {
      if (signal?.aborted) throw new AppError('cancelled', 'Verification was cancelled');
      try {
        reportHashed(item.digest, (await hashMd5([item.blob], signal))[0] ?? null, item.blob, item.paths);
      } catch (error) {
        if (isCancel(error, signal)) throw error;
        report(item.digest, null, item.paths, 'unreadable', toAppError(error).message);
      }
    }
  };

  let batch: { digest: string; blob: Blob; paths: string[] }[] = [];
  let batchSize = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      const digests = await hashMd5(
        batch.map((item) => item.blob),
        signal,
      );
      batch.forEach((item, k) => reportHashed(item.digest, digests[k] ?? null, item.blob, item.paths));
    } catch (error) {
      if (isCancel(error, signal)) throw error;
      await hashEach(batch);
    }
    for (const item of batch) {
      filesDone += item.paths.length;
      bytesDone += item.blob.size;
    }
    onProgress?.({ bytesDone, bytesTotal, filesDone, filesTotal });
    batch = [];
    batchSize = 0;
  };

  for (const [digest, group] of byDigest) {
    if (signal?.aborted) throw new AppError('cancelled', 'Verification was cancelled');
    let blob: Blob;
    try {
      blob = await store.readBlob(digest);
    } catch (error) {
      if (isCancel(error, signal)) throw error;
      // Every file gets its own finding: a broken copy never stops the check of the others.
      const appError = toAppError(error);
      if (appError.code === 'not-found') report(digest, null, group.paths, 'missing');
      else if (appError.code === 'internal') report(digest, null, group.paths, 'truncated', appError.message);
      else report(digest, null, group.paths, 'unreadable', appError.message);
      filesDone += group.paths.length;
      continue;
    }
    checkedBytes += blob.size * group.paths.length;
    if (group.algorithm === 'xxh128') {
      try {
        reportHashed(digest, await digestOfBlob(blob, 'xxh128'), blob, group.paths);
      } catch (error) {
        if (isCancel(error, signal)) throw error;
        report(digest, null, group.paths, 'unreadable', toAppError(error).message);
      }
      filesDone += group.paths.length;
      bytesDone += blob.size;
      continue;
    }
    batch.push({ digest, blob, paths: group.paths });
    batchSize += blob.size;
    if (batchSize >= batchBytes || batch.length >= 256) await flush();
  }
  await flush();
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { checkedFiles: filesTotal - problems.filter((p) => p.kind === 'missing').length, checkedBytes, references, problems };
}

function isCancel(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (isAppError(error) && error.code === 'cancelled') || (error instanceof DOMException && error.name === 'AbortError');
}

import { entryDigestAlgorithm } from '../../domain/digest';
import { AppError, isAppError } from '../../domain/errors';
import type { ManifestEntry } from '../../domain/types';
import type { ArtifactStore } from '../../store/artifact-store';
import { digestOfBlob } from './blob-digest';

/** base64 md5 of each blob, in order (the worker pool in the app, plain hash-wasm in tests). */
export type HashMd5 = (blobs: readonly Blob[], signal?: AbortSignal) => Promise<string[]>;

export type VerifyProblem = {
  readonly path: string;
  readonly kind: 'mismatch' | 'missing';
  readonly expected: string;
  /** The digest of the stored bytes; null when none are stored. */
  readonly actual: string | null;
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

  const report = (digest: string, actual: string | null, paths: readonly string[]) => {
    if (actual === digest) return;
    for (const path of paths) problems.push({ path, kind: actual === null ? 'missing' : 'mismatch', expected: digest, actual });
  };

  let batch: { digest: string; blob: Blob; paths: string[] }[] = [];
  let batchSize = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const digests = await hashMd5(
      batch.map((item) => item.blob),
      signal,
    );
    batch.forEach((item, k) => report(item.digest, digests[k] ?? null, item.paths));
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
      if (!isAppError(error) || error.code !== 'not-found') throw error;
      report(digest, null, group.paths);
      filesDone += group.paths.length;
      continue;
    }
    checkedBytes += blob.size * group.paths.length;
    if (group.algorithm === 'xxh128') {
      report(digest, await digestOfBlob(blob, 'xxh128'), group.paths);
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

import { createHashPool } from '../../workers/hash-client';
import type { HashPool, HashProgress } from '../../workers/hash-client';
import type { HashMd5 } from './verify';
import { hashMd5InPlace } from './verify';

let pool: HashPool | null = null;

/**
 * md5 of blobs in the shared worker pool, so verifying or importing gigabytes keeps the page
 * responsive; falls back to hashing on this thread (piece by piece) where there are no workers.
 * `onProgress` hears the pool's progress (not called on the fallback path).
 */
export const hashMd5InWorkers = async (
  blobs: readonly Blob[],
  signal?: AbortSignal,
  onProgress?: (progress: HashProgress) => void,
): ReturnType<HashMd5> => {
  if (typeof Worker === 'undefined') return hashMd5InPlace(blobs, signal);
  pool ??= createHashPool();
  return pool.hashAll(
    blobs.map((blob, k) => ({ blob, name: `file ${k + 1}` })),
    { signal, onProgress },
  );
};

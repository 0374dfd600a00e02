import { createHashPool } from '../../workers/hash-client';
import type { HashPool } from '../../workers/hash-client';
import type { HashMd5 } from './verify';
import { hashMd5InPlace } from './verify';

let pool: HashPool | null = null;

/**
 * md5 of blobs in the shared worker pool, so verifying or importing gigabytes keeps the page
 * responsive; falls back to hashing on this thread (piece by piece) where there are no workers.
 */
export const hashMd5InWorkers: HashMd5 = async (blobs, signal) => {
  if (typeof Worker === 'undefined') return hashMd5InPlace(blobs, signal);
  pool ??= createHashPool();
  return pool.hashAll(
    blobs.map((blob, k) => ({ blob, name: `file ${k + 1}` })),
    { signal },
  );
};

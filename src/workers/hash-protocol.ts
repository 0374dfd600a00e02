/**
 * Messages between the hash client (main thread) and `hash.worker.ts`.
 * A job is one Blob; a request carries a batch of jobs and a response the results of several,
 * so that small files do not pay one message round trip each.
 */

/** Files up to this size are read in one piece (no more memory than one stream chunk pair), and only their bytes can be kept. */
export const SMALL_FILE_BYTES = 1024 * 1024;

export interface HashJob {
  readonly id: number;
  readonly blob: Blob;
  /** Send the bytes read back with the digest (honoured for blobs up to SMALL_FILE_BYTES). */
  readonly keep?: boolean;
}

export type HashRequest =
  | { readonly type: 'hash'; readonly jobs: readonly HashJob[] }
  | { readonly type: 'cancel'; readonly ids: readonly number[] };

export interface HashResult {
  readonly id: number;
  readonly digest: string;
  readonly size: number;
  /** The bytes hashed, when the job asked to keep them (transferred, not copied). */
  readonly bytes?: ArrayBuffer;
}

export type HashResponse =
  /** Bytes of job `id` read so far (sent for large files only, at most every few MiB). */
  | { readonly type: 'progress'; readonly id: number; readonly bytes: number }
  /** Finished jobs, in the order they finished. */
  | { readonly type: 'done'; readonly results: readonly HashResult[] }
  | { readonly type: 'error'; readonly id: number; readonly message: string; readonly unreadable: boolean };

/**
 * Messages between the hash client (main thread) and `hash.worker.ts`.
 * A job is one Blob; a request carries a batch of jobs so small files do not pay one
 * message round trip each.
 */
export interface HashJob {
  readonly id: number;
  readonly blob: Blob;
}

export type HashRequest =
  | { readonly type: 'hash'; readonly jobs: readonly HashJob[] }
  | { readonly type: 'cancel'; readonly ids: readonly number[] };

export type HashResponse =
  /** Bytes of job `id` read so far (sent for large files only, at most every few MiB). */
  | { readonly type: 'progress'; readonly id: number; readonly bytes: number }
  | { readonly type: 'done'; readonly id: number; readonly digest: string; readonly size: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string; readonly unreadable: boolean };

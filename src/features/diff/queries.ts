import { queryOptions } from '@tanstack/react-query';
import { toAppError } from '../../domain/errors';
import type { ArtifactStore } from '../../store/artifact-store';
import { readVerifiedBlob } from '../../store/blob-bytes';
import { blobQueries } from '../../store/queries';
import { sharedDiffClient } from '../../workers/diff-client';
import type { DiffResult } from '../../workers/diff-protocol';

export type ContentDiffKind = 'text' | 'csv' | 'json';

/** Reads a side's bytes, checked against its digest; a missing side (added/removed file) is empty. */
async function readSide(s: ArtifactStore, digest: string | null): Promise<Blob> {
  return digest === null ? new Blob([]) : readVerifiedBlob(s, digest);
}

/**
 * Content diffs are immutable (keyed by both digests), so they live under the store's blob
 * keys and are cached forever. The work runs in the diff worker.
 */
export const diffQueries = {
  content: (s: ArtifactStore, kind: ContentDiffKind, before: string | null, after: string | null) =>
    queryOptions({
      queryKey: [...blobQueries.all(s), 'content-diff', kind, before, after],
      queryFn: async ({ signal }): Promise<DiffResult> => {
        try {
          const [a, b] = await Promise.all([readSide(s, before), readSide(s, after)]);
          return await sharedDiffClient().run({ kind, before: a, after: b }, signal);
        } catch (error) {
          throw toAppError(error);
        }
      },
      staleTime: Infinity,
      gcTime: 5 * 60_000,
    }),
};

import { queryOptions } from '@tanstack/react-query';
import { toAppError } from '../../domain/errors';
import type { ManifestEntry } from '../../domain/types';
import type { ArtifactStore } from '../../store/artifact-store';
import { blobQueries } from '../../store/queries';
import { previewDraft } from './draft-preview';

/**
 * A draft's manifest can hold 100k entries, too many for a query key. Each resolved entry
 * list is an immutable array (made anew whenever the draft changes), so its identity stands
 * for its content: `entriesKey` numbers each array once, and the key holds that number.
 */
const keys = new WeakMap<readonly ManifestEntry[], number>();
let nextKey = 1;

export function entriesKey(entries: readonly ManifestEntry[]): number {
  let key = keys.get(entries);
  if (key === undefined) {
    key = nextKey++;
    keys.set(entries, key);
  }
  return key;
}

export const uploadQueries = {
  /**
   * Under the store's blob keys: which bytes are new depends on what the store holds, and on
   * `stagedByUpload` (the blobs this upload's stager found missing and stored).
   */
  preview: (s: ArtifactStore, entries: readonly ManifestEntry[], base: readonly ManifestEntry[], stagedByUpload: (digest: string) => boolean) =>
    queryOptions({
      queryKey: [...blobQueries.all(s), 'upload-preview', entriesKey(entries), entriesKey(base)],
      queryFn: () => previewDraft(s, entries, base, stagedByUpload).catch((error: unknown) => Promise.reject(toAppError(error))),
      staleTime: 0,
      gcTime: 0,
    }),
};

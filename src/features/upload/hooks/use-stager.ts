import { useCallback, useEffect, useRef } from 'react';
import type { ArtifactStore } from '../../../store/artifact-store';
import { useStore } from '../../../store/store-context';
import { stagerFor } from '../blob-stager';
import type { BlobStager } from '../blob-stager';

/**
 * The upload's BlobStager: small files are stored as soon as they are hashed, so that the commit
 * has little left to write. Made on first use for the current store (none where the store does
 * not stage eagerly); `discard()` ends it when the upload is done or abandoned, removing what no
 * version took. `onStored` hears of each stored batch (to let go of bytes kept for it).
 */
export function useStager(onStored: (files: readonly Blob[]) => void) {
  const store = useStore();
  const onStoredRef = useRef(onStored);
  useEffect(() => {
    onStoredRef.current = onStored;
  }, [onStored]);
  const held = useRef<{ store: ArtifactStore; stager: BlobStager | null } | null>(null);

  const discard = useCallback(async () => {
    const stager = held.current?.stager;
    held.current = null;
    await stager?.discard();
  }, []);
  const current = useCallback((): BlobStager | null => {
    if (held.current?.store !== store) {
      void held.current?.stager?.discard();
      held.current = { store, stager: stagerFor(store, { onStored: (blobs) => onStoredRef.current(blobs.map((b) => b.blob)) }) };
    }
    return held.current.stager;
  }, [store]);
  const isNew = useCallback((digest: string) => held.current?.stager?.isNew(digest) ?? false, []);

  // Leaving the page (or switching stores) abandons what the upload staged.
  useEffect(
    () => () => {
      void discard();
    },
    [store, discard],
  );
  return { current, discard, isNew };
}

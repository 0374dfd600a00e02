import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../domain/errors';
import { useStore } from '../../../store/store-context';
import { stagerFor } from '../blob-stager';
import type { BlobStager } from '../blob-stager';

/**
 * The upload's BlobStager: small files are stored as soon as they are hashed, so that the commit
 * has little left to write. Made on first use for the current store (none where the store does
 * not stage eagerly); `discard()` ends it when the upload is done or abandoned, removing what no
 * version took. `onStored` hears of each stored batch (to let go of bytes kept for it);
 * `failure` says why staging stopped early, until the upload ends (the commit writes the rest).
 */
export function useStager(onStored: (files: readonly Blob[]) => void) {
  const store = useStore();
  const onStoredRef = useRef(onStored);
  useEffect(() => {
    onStoredRef.current = onStored;
  }, [onStored]);
  // undefined: not made yet for this upload; null: this store does not stage eagerly.
  const held = useRef<BlobStager | null | undefined>(undefined);
  const [failure, setFailure] = useState<AppError | null>(null);

  const discard = useCallback(async () => {
    const stager = held.current;
    held.current = undefined;
    setFailure(null);
    await stager?.discard();
  }, []);
  const current = useCallback((): BlobStager | null => {
    if (held.current === undefined) {
      held.current = stagerFor(store, { onStored: (blobs) => onStoredRef.current(blobs.map((b) => b.blob)), onFailure: setFailure });
    }
    return held.current;
  }, [store]);
  const isNew = useCallback((digest: string) => held.current?.isNew(digest) ?? false, []);

  // Leaving the page (or switching stores) abandons what the upload staged.
  useEffect(
    () => () => {
      void discard();
    },
    [store, discard],
  );
  return { current, discard, isNew, failure };
}

import { useEffect, useState } from 'react';
import { normaliseS3Config, s3StoreId } from '../../../store/s3/s3-config';
import type { S3Store } from '../../../store/s3/s3-store';
import { useStoreHolder } from '../../../store/store-context';
import { loadS3Session } from '../s3-session';
import type { S3Session } from '../s3-session';

/** One reopening per page (remounts and StrictMode's second effect run share it). */
let pending: { id: string; promise: Promise<S3Store> } | null = null;

function sessionStoreId(session: S3Session | null): string | null {
  try {
    return session ? s3StoreId(normaliseS3Config(session.config)) : null;
  } catch {
    return null;
  }
}

/**
 * After a reload, reopens the S3 store this tab kept in session storage (only when the user
 * ticked "keep for this tab"), and makes it active again if it was. Returns true while opening.
 */
export function useRestoreS3Session(): boolean {
  const holder = useStoreHolder();
  const [settled, setSettled] = useState<string | null>(null);
  const session = loadS3Session();
  const id = sessionStoreId(session);
  const missing = session !== null && id !== null && !holder.stores.some((s) => s.id === id);

  useEffect(() => {
    if (!missing || session === null || id === null) return;
    // The S3 adapter loads only when a kept session needs it (it stays out of the first load).
    if (pending?.id !== id) pending = { id, promise: import('../../../store/s3/create-s3-store').then((m) => m.createS3Store(session.config)) };
    let live = true;
    pending.promise.then(
      (store) => {
        if (!live) return;
        setSettled(id);
        holder.add(store);
        if (session.active) holder.activate(store.id);
      },
      () => {
        pending = null; // the user connects by hand; the dialog says what is wrong
        if (live) setSettled(id);
      },
    );
    return () => {
      live = false;
    };
  }, [missing, id, session, holder]);

  return missing && settled !== id;
}

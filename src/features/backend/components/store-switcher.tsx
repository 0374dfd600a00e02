import { lazy, Suspense, useState } from 'react';
import type { ArtifactStore } from '../../../store/artifact-store';
import { FOLDER_STORE_ID_PREFIX } from '../../../store/folder/folder-tree';
import { useStoreHolder } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { Chip } from '../../../ui/chip';
import { useOpenFolderStore } from '../hooks/use-open-folder-store';
import { useRestoreS3Session } from '../hooks/use-restore-s3-session';
import { clearS3Session, loadS3Session, saveS3Session } from '../s3-session';

type DialogName = 'connect' | 'sync' | 'integrity';

// The dialogs (and with them the S3 adapter) load when first opened, not with the app.
const ConnectDialog = lazy(() => import('./connect-dialog').then((m) => ({ default: m.ConnectDialog })));
const SyncDialog = lazy(() => import('./sync-dialog').then((m) => ({ default: m.SyncDialog })));
const IntegrityDialog = lazy(() => import('./integrity-dialog').then((m) => ({ default: m.IntegrityDialog })));

function readOnlyReason(store: ArtifactStore): string | null {
  return store.readOnly ? (store.readOnlyReason ?? 'writes cannot be made safely') : null;
}

const isFolderStore = (store: ArtifactStore) => store.id.startsWith(FOLDER_STORE_ID_PREFIX);

/** Header: switch between this browser's store, the connected S3 store and opened folder stores; connect; sync. */
export function StoreSwitcher() {
  const holder = useStoreHolder();
  const restoring = useRestoreS3Session();
  const folder = useOpenFolderStore();
  const [dialog, setDialogState] = useState<DialogName | null>(null);
  // A dialog stays mounted once opened, so closing it keeps its state (e.g. a sync in progress).
  const [opened, setOpened] = useState<ReadonlySet<DialogName>>(new Set());
  const setDialog = (name: DialogName | null) => {
    if (name && !opened.has(name)) setOpened(new Set([...opened, name]));
    setDialogState(name);
  };
  const remote = holder.stores.findLast((s) => s.id !== holder.local.id && !isFolderStore(s)) ?? null;
  const readOnly = readOnlyReason(holder.active);

  const switchTo = (id: string) => {
    const session = loadS3Session();
    if (session) saveS3Session({ ...session, active: id !== holder.local.id });
    holder.activate(id);
  };

  const disconnect = (store: ArtifactStore) => {
    clearS3Session();
    holder.remove(store.id);
  };

  return (
    <>
      {readOnly !== null && (
        <Chip tone="warning" title={readOnly}>
          read-only
        </Chip>
      )}
      {holder.stores.length > 1 && (
        <select
          aria-label="Switch store"
          value={holder.active.id}
          onChange={(e) => switchTo(e.target.value)}
          className="h-7 max-w-56 rounded-md border border-slate-300 bg-white px-1.5 text-xs dark:border-slate-700 dark:bg-slate-900"
        >
          {holder.stores.map((store) => (
            <option key={store.id} value={store.id}>
              {store.label}
            </option>
          ))}
        </select>
      )}
      {remote ? (
        <Button size="sm" onClick={() => setDialog('sync')}>
          Sync…
        </Button>
      ) : null}
      {remote ? (
        <Button size="sm" variant="ghost" title={`Forget ${remote.label} in this tab`} onClick={() => disconnect(remote)}>
          Disconnect
        </Button>
      ) : (
        <Button size="sm" variant="ghost" loading={restoring} onClick={() => setDialog('connect')}>
          Connect S3…
        </Button>
      )}
      {isFolderStore(holder.active) ? (
        <Button size="sm" variant="ghost" title={`Close ${holder.active.label} in this tab`} onClick={() => holder.remove(holder.active.id)}>
          Close folder
        </Button>
      ) : (
        folder && (
          <Button size="sm" variant="ghost" loading={folder.opening} title="Browse, read-only, a folder store the artifact-studio CLI wrote" onClick={folder.open}>
            Open folder store…
          </Button>
        )
      )}
      <Button size="sm" variant="ghost" title={`Check every record of ${holder.active.label}`} onClick={() => setDialog('integrity')}>
        Check store…
      </Button>
      <Suspense fallback={null}>
        {opened.has('integrity') && <IntegrityDialog open={dialog === 'integrity'} onClose={() => setDialog(null)} store={holder.active} />}
        {opened.has('connect') && <ConnectDialog open={dialog === 'connect'} onClose={() => setDialog(null)} />}
        {remote && opened.has('sync') && <SyncDialog open={dialog === 'sync'} onClose={() => setDialog(null)} remote={remote} />}
      </Suspense>
    </>
  );
}

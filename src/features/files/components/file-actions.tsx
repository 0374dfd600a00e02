import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { toAppError } from '../../../domain/errors';
import { formatBytes, formatCount } from '../../../domain/format';
import { serializeManifest } from '../../../domain/manifest';
import { parseVersionId } from '../../../domain/types';
import type { ManifestEntry, VersionId } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { useToast } from '../../../ui/toast';
import { saveBlob } from '../../../ui/save-blob';
import { saveVersionZip } from '../download';
import { MANIFEST_FILE_NAME } from '../manifest-import';
import { versionFileStem } from '../zip-entry-name';
import { ImportManifestDialog } from './import-manifest-dialog';
import { VerifyDialog } from './verify-dialog';

type FileActionsProps = {
  versionId: VersionId;
  /** The whole manifest, null while it loads. */
  entries: readonly ManifestEntry[] | null;
};

const WAIT_FOR_LIST = 'Available once the whole file list is read';

/** Download as zip, verify, export and import the manifest. */
export function FileActions({ versionId, entries }: FileActionsProps) {
  const store = useStore();
  const toast = useToast();
  const [zipping, setZipping] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [importing, setImporting] = useState(false);
  // The dialogs unmount on close, which does not give focus back as <dialog>.close() would: do it here.
  const opener = useRef<HTMLElement | null>(null);
  const open = (show: (on: boolean) => void) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    show(true);
  };
  useEffect(() => {
    if (verifying || importing || !opener.current) return;
    if (opener.current.isConnected) opener.current.focus();
    opener.current = null;
  }, [verifying, importing]);
  const createdAt = useQuery(versionQueries.detail(store, versionId)).data?.createdAt;
  const parts = parseVersionId(versionId);
  const stem = parts ? versionFileStem(parts.artifactName, parts.index) : 'version';

  const downloadZip = async () => {
    if (!entries) return;
    setZipping('Preparing…');
    try {
      const how = await saveVersionZip(store, entries, `${stem}.zip`, {
        onProgress: ({ filesDone, filesTotal }) => setZipping(`${formatCount(filesDone)}/${formatCount(filesTotal)}`),
        modifiedAt: createdAt === undefined ? undefined : new Date(createdAt),
      });
      if (how) toast.show({ tone: 'success', title: `Saved ${stem}.zip`, message: `${formatCount(entries.filter((e) => e.ref === undefined).length)} files` });
    } catch (error) {
      const { code, message } = toAppError(error);
      const next = code === 'digest-mismatch' ? 'Nothing was saved.' : 'Nothing was saved; try again, and press Verify if a stored file seems damaged.';
      toast.show({ tone: 'error', title: 'The zip download failed', message: `${message.replace(/[.\s]*$/, '.')} ${next}` });
    } finally {
      setZipping(null);
    }
  };

  const exportManifest = () => {
    if (!entries) return;
    saveBlob(new Blob([serializeManifest(entries)], { type: 'application/json' }), MANIFEST_FILE_NAME);
  };

  const refs = entries?.filter((e) => e.ref !== undefined).length ?? 0;
  const storedBytes = entries?.reduce((sum, e) => sum + (e.ref === undefined ? (e.size ?? 0) : 0), 0) ?? 0;

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        onClick={downloadZip}
        disabled={!entries}
        loading={zipping !== null}
        title={entries ? `${formatBytes(storedBytes)} of stored files${refs ? `; ${refs} references are not included` : ''}` : WAIT_FOR_LIST}
      >
        {zipping === null ? 'Download zip' : `Zipping ${zipping}`}
      </Button>
      <Button size="sm" onClick={() => open(setVerifying)} disabled={!entries} title={entries ? undefined : WAIT_FOR_LIST}>
        Verify
      </Button>
      <Button size="sm" onClick={exportManifest} disabled={!entries} title={entries ? undefined : WAIT_FOR_LIST}>
        Export manifest
      </Button>
      <Button size="sm" onClick={() => open(setImporting)}>
        Import manifest…
      </Button>
      {verifying && entries && <VerifyDialog entries={entries} onClose={() => setVerifying(false)} />}
      {importing && <ImportManifestDialog versionId={versionId} onClose={() => setImporting(false)} />}
    </div>
  );
}

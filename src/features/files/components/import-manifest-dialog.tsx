import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { formatBytes, formatCount } from '../../../domain/format';
import type { ArtifactVersion, VersionId } from '../../../domain/types';
import { invalidateAfterCommit } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { hrefs } from '../../../ui/hrefs';
import { navigate, useLocation } from '../../../ui/navigation';
import { Spinner } from '../../../ui/spinner';
import { useToast } from '../../../ui/toast';
import { MANIFEST_FILE_NAME } from '../manifest-import';
import { useManifestImport } from '../use-manifest-import';
import type { ImportSource } from '../use-manifest-import';

type ImportManifestDialogProps = { versionId: VersionId; onClose: () => void };

/** Refusals of the input itself (checked before anything is stored), as opposed to failures while storing. */
const REFUSALS = new Set<string>(['digest-mismatch', 'missing-blob', 'invalid-manifest', 'invalid-zip', 'invalid-name', 'invalid-path', 'duplicate-path']);

const inputClass = 'h-8 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900';

/**
 * Import a folder or a .zip holding `wandb_manifest.json` and the files it lists as a new
 * version. Every file is hashed and compared with the manifest first; any mismatch or missing
 * file refuses the whole import with the list. A new version can be undone from the toast.
 */
export function ImportManifestDialog({ versionId, onClose }: ImportManifestDialogProps) {
  const store = useStore();
  const queryClient = useQueryClient();
  const toast = useToast();
  const location = useLocation();
  const ids = useId();
  const { mutation, progress, version, defaultName } = useManifestImport(versionId);
  const [name, setName] = useState(defaultName);
  const [source, setSource] = useState<ImportSource | null>(null);

  const undo = async (v: ArtifactVersion, back: string) => {
    try {
      await store.deleteVersion(v.id);
      await invalidateAfterCommit(queryClient, store, v.artifactId);
      navigate(back);
      toast.show({ tone: 'info', title: `Removed ${v.artifactName}:v${v.index}`, message: 'The import was undone.' });
    } catch (error) {
      toast.show({ tone: 'error', title: `Could not undo the import of ${v.artifactName}:v${v.index}`, message: `${(error as Error).message}. Delete the version from its artifact page instead.` });
    }
  };

  const submit = async () => {
    if (!source) return;
    const result = await mutation.mutateAsync({ source, artifactName: name }).catch(() => null);
    if (!result) return;
    const { version: v, created, unlisted } = result;
    const skipped = unlisted.length > 0 ? ` · ${formatCount(unlisted.length)} file(s) not in the manifest were skipped unread` : '';
    const back = location.href;
    toast.show({
      tone: 'success',
      title: created ? `Imported as ${v.artifactName}:v${v.index}` : `Same content as ${v.artifactName}:v${v.index}`,
      message: created ? `${formatCount(v.fileCount)} files, digest ${v.digest}${skipped}` : `No new version was made: identical content already exists.${skipped}`,
      ...(created && { action: { label: 'Undo', onAction: () => void undo(v, back) }, durationMs: 10_000 }),
    });
    onClose();
    navigate(hrefs.version(v.project, v.artifactName, `v${v.index}`, 'files'));
  };

  const error = mutation.error;
  const [summary, ...lines] = (error?.message ?? '').split('\n');
  return (
    <Dialog
      open
      onClose={onClose}
      title="Import a manifest"
      className="w-[40rem]"
      description={
        <>
          Pick a folder or a .zip holding <code>{MANIFEST_FILE_NAME}</code> and the files it lists. Every file is checked
          against its digest before anything is stored.
        </>
      }
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" onClick={submit} loading={mutation.isPending} disabled={!source || !version.data}>
            Import
          </Button>
        </>
      }
    >
      <label htmlFor={`${ids}-name`} className="flex flex-col gap-1 text-sm">
        Into artifact
        <input id={`${ids}-name`} value={name} onChange={(event) => setName(event.target.value)} className={inputClass} />
      </label>
      <label htmlFor={`${ids}-folder`} className="flex flex-col gap-1 text-sm">
        Folder
        <input
          id={`${ids}-folder`}
          type="file"
          webkitdirectory=""
          multiple
          onChange={(event) => setSource({ kind: 'folder', files: Array.from(event.target.files ?? []) })}
          className="text-sm"
        />
      </label>
      <label htmlFor={`${ids}-zip`} className="flex flex-col gap-1 text-sm">
        Or a zip file
        <input
          id={`${ids}-zip`}
          type="file"
          accept=".zip,application/zip"
          onChange={(event) => {
            const file = event.target.files?.[0];
            setSource(file ? { kind: 'zip', file } : null);
          }}
          className="text-sm"
        />
      </label>
      {source && !mutation.isPending && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {source.kind === 'zip' ? `${source.file.name} (${formatBytes(source.file.size)}) picked.` : `${formatCount(source.files.length)} files picked from a folder.`}
        </p>
      )}
      {mutation.isPending && (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          <Spinner />
          {progress ?? 'Starting…'}
        </p>
      )}
      {error && !mutation.isPending && (
        <div role="alert" aria-label="Import refused" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950/40">
          <p className="font-semibold text-red-800 dark:text-red-300">{summary}</p>
          {lines.length > 0 && (
            <ul className="mt-2 max-h-56 overflow-auto font-mono text-xs text-red-700 dark:text-red-300">
              {lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-xs text-red-700 dark:text-red-300">
            {REFUSALS.has(error.code)
              ? 'Nothing was stored. Fix the files or the manifest, pick them again and retry.'
              : 'No version was made. Try again; if it keeps failing, reload the page.'}
          </p>
        </div>
      )}
    </Dialog>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { AppError } from '../../../domain/errors';
import { formatCount } from '../../../domain/format';
import { validateArtifactName } from '../../../domain/validation';
import { parseVersionId } from '../../../domain/types';
import type { VersionId } from '../../../domain/types';
import { invalidateAfterCommit, versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { hrefs } from '../../../ui/hrefs';
import { navigate } from '../../../ui/navigation';
import { useToast } from '../../../ui/toast';
import { hashMd5InWorkers } from '../hash-md5';
import { MANIFEST_FILE_NAME, checkManifestImport, filesFromFolderInput, importRefusal } from '../manifest-import';

type ImportManifestDialogProps = { versionId: VersionId; onClose: () => void };

/**
 * Import a folder holding `wandb_manifest.json` and the files it lists as a new version. Every
 * file is hashed and compared with the manifest first; any mismatch or missing file refuses
 * the whole import with the list.
 */
export function ImportManifestDialog({ versionId, onClose }: ImportManifestDialogProps) {
  const store = useStore();
  const queryClient = useQueryClient();
  const toast = useToast();
  const ids = useId();
  const parts = parseVersionId(versionId);
  const version = useQuery(versionQueries.detail(store, versionId));
  const [name, setName] = useState(parts?.artifactName ?? '');
  const [files, setFiles] = useState<File[]>([]);

  const mutation = useMutation({
    meta: { silent: true },
    mutationFn: async () => {
      if (!parts || !version.data) throw new AppError('not-found', 'the version to import next to is not loaded');
      const artifactName = validateArtifactName(name);
      const picked = filesFromFolderInput(files);
      if (!picked.manifest) {
        throw new AppError('invalid-manifest', `the folder has no ${MANIFEST_FILE_NAME}: pick the folder that holds it next to the files`);
      }
      const checked = await checkManifestImport(await picked.manifest.text(), picked.files, { hashMd5: hashMd5InWorkers });
      if (checked.problems.length > 0) throw importRefusal(checked.problems);
      await store.putBlobs(checked.blobs);
      return store.commitVersion({ project: parts.project, artifactName, type: version.data.type, entries: checked.entries });
    },
    onSuccess: async (result) => {
      await invalidateAfterCommit(queryClient, store, result.version.artifactId);
    },
  });

  const submit = async () => {
    const result = await mutation.mutateAsync().catch(() => null);
    if (!result) return;
    const { version: v, created } = result;
    toast.show({
      tone: 'success',
      title: created ? `Imported as ${v.artifactName}:v${v.index}` : `Same content as ${v.artifactName}:v${v.index}`,
      message: created ? `${formatCount(v.fileCount)} files, digest ${v.digest}` : 'No new version was made: identical content already exists.',
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
          Pick a folder holding <code>{MANIFEST_FILE_NAME}</code> and the files it lists. Every file is checked against its
          digest before anything is stored.
        </>
      }
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" onClick={submit} loading={mutation.isPending} disabled={files.length === 0 || !version.data}>
            Import
          </Button>
        </>
      }
    >
      <label htmlFor={`${ids}-name`} className="flex flex-col gap-1 text-sm">
        Into artifact
        <input
          id={`${ids}-name`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          className="h-8 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      <label htmlFor={`${ids}-folder`} className="flex flex-col gap-1 text-sm">
        Folder
        <input
          id={`${ids}-folder`}
          type="file"
          webkitdirectory=""
          multiple
          onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
          className="text-sm"
        />
      </label>
      {files.length > 0 && <p className="text-xs text-slate-500">{formatCount(files.length)} files picked.</p>}
      {error && (
        <div role="alert" aria-label="Import refused" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950/40">
          <p className="font-semibold text-red-800 dark:text-red-300">{summary}</p>
          {lines.length > 0 && (
            <ul className="mt-2 max-h-56 overflow-auto font-mono text-xs text-red-700 dark:text-red-300">
              {lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Dialog>
  );
}

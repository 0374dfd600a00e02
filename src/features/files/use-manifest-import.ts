import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { AppError } from '../../domain/errors';
import { decodeManifestBytes } from '../../domain/manifest-text';
import { formatBytes, formatCount } from '../../domain/format';
import { validateArtifactName } from '../../domain/validation';
import { parseVersionId } from '../../domain/types';
import type { VersionId } from '../../domain/types';
import { invalidateAfterCommit, versionQueries } from '../../store/queries';
import { useStore } from '../../store/store-context';
import { hashMd5InWorkers } from './hash-md5';
import { MANIFEST_FILE_NAME, checkManifestImport, filesFromFolderInput, importRefusal } from './manifest-import';
import type { ImportFile, ImportProblem } from './manifest-import';
import { filesFromZip } from './zip-import';

/** What the user picked: a folder (folder input) or one .zip file. */
export type ImportSource = { readonly kind: 'folder'; readonly files: readonly File[] } | { readonly kind: 'zip'; readonly file: File };

type ImportInput = { readonly source: ImportSource; readonly artifactName: string };

/** Progress text is re-rendered at most this often. */
const PROGRESS_MS = 100;

/**
 * Imports a manifest and its files as a new version of `artifactName` (next to `versionId`'s
 * project and type): reads the folder or zip, hashes every file (in workers) against the
 * manifest, refuses with the list of problems, else stores the bytes and commits. `progress`
 * says which step runs; leaving (unmounting) cancels a running import.
 */
export function useManifestImport(versionId: VersionId) {
  const store = useStore();
  const queryClient = useQueryClient();
  const parts = parseVersionId(versionId);
  const version = useQuery(versionQueries.detail(store, versionId));
  const [progress, setProgress] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const mutation = useMutation({
    meta: { silent: true },
    mutationFn: async ({ source, artifactName }: ImportInput) => {
      if (!parts || !version.data) throw new AppError('not-found', 'the version to import next to is not loaded: wait for it, then try again');
      const name = validateArtifactName(artifactName);
      const controller = new AbortController();
      abort.current = controller;
      const signal = controller.signal;
      let last = 0;
      const report = (text: string, force = false) => {
        const now = performance.now();
        if (!force && now - last < PROGRESS_MS) return;
        last = now;
        setProgress(text);
      };

      report(source.kind === 'zip' ? `Reading ${source.file.name}…` : 'Reading the folder…', true);
      const { manifestText, files, found } = source.kind === 'zip' ? await readZip(source.file, signal, report) : await readFolder(source.files);

      report(`Checking the digests of ${formatCount(files.length)} files…`, true);
      const checked = await checkManifestImport(manifestText, files, {
        signal,
        found,
        hashMd5: (blobs, s) =>
          hashMd5InWorkers(blobs, s, (p) =>
            report(`Checking digests: ${formatCount(p.filesDone)} of ${formatCount(p.filesTotal)} files (${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)})…`),
          ),
      });
      if (checked.problems.length > 0) throw importRefusal(checked.problems);

      const total = checked.blobs.reduce((sum, b) => sum + b.blob.size, 0);
      report(`Storing ${formatBytes(total)}…`, true);
      await store.putBlobs(checked.blobs, { signal, onProgress: (done) => report(`Storing ${formatBytes(done)} of ${formatBytes(total)}…`) });
      report('Creating the version…', true);
      const result = await store.commitVersion({ project: parts.project, artifactName: name, type: version.data.type, entries: checked.entries });
      return { ...result, unlisted: checked.unlisted };
    },
    onSuccess: async (result) => {
      await invalidateAfterCommit(queryClient, store, result.version.artifactId);
    },
    onSettled: () => setProgress(null),
  });

  return { mutation, progress, version, defaultName: parts?.artifactName ?? '' };
}

type ReadSource = { manifestText: string; files: ImportFile[]; found?: { problems: ImportProblem[]; unlisted: string[] } };

async function readZip(zip: File, signal: AbortSignal, report: (text: string) => void): Promise<ReadSource> {
  const read = await filesFromZip(zip, {
    signal,
    onProgress: (p) => report(`Reading ${zip.name}: ${formatCount(p.filesDone)} of ${formatCount(p.filesTotal)} listed files…`),
  });
  return { manifestText: read.manifestText, files: read.files, found: { problems: read.problems, unlisted: read.unlisted } };
}

async function readFolder(files: readonly File[]): Promise<ReadSource> {
  const picked = filesFromFolderInput(files);
  if (!picked.manifest) {
    throw new AppError('invalid-manifest', `the folder has no ${MANIFEST_FILE_NAME}: pick the folder that holds it next to the files`);
  }
  return { manifestText: decodeManifestBytes(new Uint8Array(await picked.manifest.arrayBuffer()), MANIFEST_FILE_NAME), files: picked.files };
}

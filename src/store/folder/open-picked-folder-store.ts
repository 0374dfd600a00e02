/**
 * Opens, read-only, a folder store the browser's folder picker handed over: the S3 store logic
 * over the picked directory. Browser-safe (no Node import).
 */
import { AppError } from '../../domain/errors';
import type { S3Store } from '../s3/s3-store';
import { S3ArtifactStore } from '../s3/s3-store';
import type { DirectoryHandleLike } from './directory-handle-client';
import { DirectoryHandleObjectClient } from './directory-handle-client';
import { folderProbe } from './folder-probe';

export async function openPickedFolderStore(handle: DirectoryHandleLike): Promise<S3Store> {
  const client = new DirectoryHandleObjectClient(handle);
  if (!(await client.isFolderStore())) {
    throw new AppError(
      'not-found',
      `the folder "${handle.name}" is not an Artifact Studio folder store (it has no projects/ or .folder-store/ inside); pick the folder the CLI writes to (--store DIR, by default ~/.artifact-studio/store)`,
      { details: { folder: handle.name } },
    );
  }
  return new S3ArtifactStore(client, folderProbe(true, 'the app opens folder stores read-only; write to them with the artifact-studio CLI or SDK'));
}

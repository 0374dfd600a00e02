/**
 * The local folder store (Node): the S3 store's logic and layout over files, for the CLI and
 * SDK when no shared store is given. Several processes on one machine may write to one folder.
 */
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../../domain/errors';
import type { ArtifactStore } from '../artifact-store';
import type { S3StoreOptions } from '../s3/s3-store';
import type { FolderClientOptions } from './folder-object-client';
import { FolderObjectClient } from './folder-object-client';
import { folderProbe } from './folder-probe';
import { INTERNAL_DIR } from './folder-tree';

export interface FolderStoreOptions extends Omit<S3StoreOptions, 'fetch'>, FolderClientOptions {
  /** Open without writing anything; the folder must exist. */
  readOnly?: boolean;
}

/** Temporary files older than this were left by a writer that died (writes take seconds at most). */
const TEMP_LIFETIME_MS = 60 * 60 * 1000;

/** Removes what dead writers left in `.folder-store/tmp/` (never visible as objects; only space). */
async function removeOldTempFiles(root: string): Promise<void> {
  const dir = join(root, INTERNAL_DIR, 'tmp');
  const before = Date.now() - TEMP_LIFETIME_MS;
  for (const name of await readdir(dir).catch(() => [])) {
    const info = await stat(join(dir, name)).catch(() => null);
    if (info !== null && info.mtimeMs < before) await unlink(join(dir, name)).catch(() => undefined);
  }
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/**
 * Opens (creating it when missing, unless read-only) the folder store at `root`. Throws an
 * AppError when the path is not a usable directory.
 */
export async function openFolderStore(root: string, options: FolderStoreOptions = {}): Promise<ArtifactStore> {
  const path = resolve(root);
  const readOnly = options.readOnly === true;
  try {
    if (!readOnly) {
      await mkdir(`${path}/${INTERNAL_DIR}/tmp`, { recursive: true });
      await mkdir(`${path}/${INTERNAL_DIR}/locks`, { recursive: true });
    }
    const info = await stat(path);
    if (!info.isDirectory()) throw new AppError('invalid-config', `the folder store ${path} is not a directory`, { details: { root: path } });
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = errno(error);
    if (code === 'ENOENT') throw new AppError('not-found', `there is no folder store at ${path}`, { details: { root: path } });
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new AppError('read-only', `cannot write to the folder store ${path} (${code}); open it read-only or choose another folder`, { details: { root: path } });
    }
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new AppError('invalid-config', `the folder store ${path} is not a directory`, { details: { root: path } });
    throw error;
  }
  if (!readOnly) await removeOldTempFiles(path);
  const client = new FolderObjectClient(path, options);
  const { ChangeRecordingS3Store } = await import('../s3/change-recording-store');
  return new ChangeRecordingS3Store(client, folderProbe(readOnly), options);
}

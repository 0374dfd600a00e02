/** A local folder as a manifest: its files walked, hashed, and offered as blobs for the ingest core. */
import { openAsBlob } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { AppError } from '../../domain/errors';
import { normalisePath, sortByCodePoint } from '../../domain/paths';
import type { ManifestEntry } from '../../domain/types';
import { mapLimit } from '../s3/s3-util';
import { Md5Pool, readAndHash, SMALL_FILE_BYTES } from './hash-file';

export interface LocalFile {
  /** Entry path: relative to the folder, "/"-separated, normalised. */
  readonly path: string;
  readonly absolute: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface HashProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

export interface HashedFolder {
  readonly entries: ManifestEntry[];
  /** Every entry's bytes by digest: small files in memory, big ones as file-backed Blobs. */
  readonly blobs: Map<string, Blob>;
}

const READS_IN_FLIGHT = 32;

/** Every regular file under `root` (symbolic links followed), sorted by entry path. */
export async function listFolder(root: string): Promise<LocalFile[]> {
  const top = await stat(root).catch((error: NodeJS.ErrnoException) => {
    throw new AppError('not-found', `${root} does not exist${error.code === 'ENOENT' ? '' : ` (${error.message})`}`, { cause: error });
  });
  if (top.isFile()) {
    const name = root.split(sep).pop() ?? root;
    return [{ path: normalisePath(name), absolute: root, size: top.size, mtimeMs: top.mtimeMs }];
  }
  if (!top.isDirectory()) throw new AppError('invalid-path', `${root} is neither a file nor a folder`);
  const dirents = await readdir(root, { recursive: true, withFileTypes: true });
  const candidates = dirents.filter((d) => d.isFile() || d.isSymbolicLink()).map((d) => join(d.parentPath, d.name));
  const files = await mapLimit(candidates, READS_IN_FLIGHT, async (absolute) => {
    const info = await stat(absolute);
    if (!info.isFile()) return null;
    const path = normalisePath(relative(root, absolute).split(sep).join('/'));
    return { path, absolute, size: info.size, mtimeMs: info.mtimeMs };
  });
  return sortByCodePoint(
    files.filter((f): f is LocalFile => f !== null),
    (f) => f.path,
  );
}

/** Hashes `files` (md5, W&B's base64 form): the manifest entries and the blobs to upload. */
export async function hashFiles(
  files: readonly LocalFile[],
  options: { signal?: AbortSignal; onProgress?: (progress: HashProgress) => void } = {},
): Promise<HashedFolder> {
  const bytesTotal = files.reduce((sum, f) => sum + f.size, 0);
  let filesDone = 0;
  let bytesDone = 0;
  const blobs = new Map<string, Blob>();
  const pool = new Md5Pool();
  try {
    const entries = await mapLimit(files, READS_IN_FLIGHT, async (file) => {
      if (options.signal?.aborted) throw new AppError('cancelled', 'hashing was cancelled; nothing was saved');
      let digest: string;
      if (file.size <= SMALL_FILE_BYTES) {
        const read = await readAndHash(file.absolute);
        digest = read.digest;
        if (!blobs.has(digest)) blobs.set(digest, new Blob([read.bytes as Uint8Array<ArrayBuffer>]));
      } else {
        digest = await pool.hashFile(file.absolute);
        if (!blobs.has(digest)) blobs.set(digest, await openAsBlob(file.absolute));
      }
      filesDone += 1;
      bytesDone += file.size;
      options.onProgress?.({ filesDone, filesTotal: files.length, bytesDone, bytesTotal });
      return { path: file.path, digest, size: file.size };
    });
    return { entries, blobs };
  } finally {
    pool.close();
  }
}

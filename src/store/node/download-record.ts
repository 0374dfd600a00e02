/**
 * What `get` last wrote into a folder, as git's index does: per file its size, mtime and digest.
 * A file whose size and mtime still match its record is known to hold that digest without
 * being read again; anything else is hashed. Kept outside the folder (so a later `put` of it
 * does not pick the record up), one file per folder under the CLI's home.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface RecordedFile {
  readonly size: number;
  readonly mtimeMs: number;
  readonly digest: string;
}

export interface DownloadRecord {
  readonly root: string;
  readonly files: Record<string, RecordedFile>;
}

/** The record file of the folder `root` (an absolute path) under `home`. */
export function downloadRecordPath(home: string, root: string): string {
  return join(home, 'downloads', `${createHash('sha1').update(root).digest('hex')}.json`);
}

export async function readDownloadRecord(file: string, root: string): Promise<DownloadRecord> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    const record = parsed as Partial<DownloadRecord>;
    if (record.root === root && typeof record.files === 'object' && record.files !== null) return { root, files: record.files };
  } catch {
    // missing or unreadable: every file is checked by hashing
  }
  return { root, files: {} };
}

export async function writeDownloadRecord(file: string, record: DownloadRecord): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(record));
  await rename(temporary, file);
}

/** Whether `recorded` vouches for a file now of this size and mtime holding `digest`. */
export function recordVouches(recorded: RecordedFile | undefined, size: number, mtimeMs: number, digest: string): boolean {
  return recorded !== undefined && recorded.size === size && recorded.mtimeMs === mtimeMs && recorded.digest === digest;
}

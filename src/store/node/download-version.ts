/**
 * Downloads a version (or some folders of it) into a local folder. Every file written is
 * verified against its entry digest before it takes its place (written to a temporary name,
 * then renamed), so a crash leaves no half file under a real name. Files already there with
 * the right content are not fetched again; the download record spares re-reading them.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { entryDigestAlgorithm, xxh128Base64 } from '../../domain/digest';
import { AppError } from '../../domain/errors';
import { quoteForMessage } from '../../domain/paths';
import type { ManifestEntry } from '../../domain/types';
import type { ArtifactStore } from '../artifact-store';
import { mapLimit } from '../s3/s3-util';
import type { DownloadRecord, RecordedFile } from './download-record';
import { readDownloadRecord, recordVouches, writeDownloadRecord } from './download-record';
import { md5Base64Of, Md5Pool, readAndHash, SMALL_FILE_BYTES } from './hash-file';

export interface DownloadOptions {
  /** Only entries under these folder prefixes (or equal to these paths). */
  readonly paths?: readonly string[];
  /** Hash every local file even when the record vouches for it. */
  readonly verify?: boolean;
  /** The download record's file; none kept when omitted. */
  readonly recordFile?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { filesDone: number; filesTotal: number; bytesFetched: number }) => void;
}

export interface DownloadResult {
  readonly files: number;
  /** Files fetched from the store (missing or changed locally). */
  readonly fetched: number;
  readonly bytesFetched: number;
  /** Files already right in the folder. */
  readonly kept: number;
  /** Reference entries (their bytes live elsewhere): not downloaded. */
  readonly references: number;
}

const FETCHES_IN_FLIGHT = 8;

export function entriesUnder(entries: readonly ManifestEntry[], prefixes: readonly string[] | undefined): ManifestEntry[] {
  if (!prefixes || prefixes.length === 0) return [...entries];
  const clean = prefixes.map((p) => p.replace(/^\.?\/+/, '').replace(/\/+$/, ''));
  return entries.filter((e) => clean.some((p) => p === '' || e.path === p || e.path.startsWith(`${p}/`)));
}

async function digestOfBytes(entry: ManifestEntry, bytes: Uint8Array): Promise<string> {
  return entryDigestAlgorithm(entry) === 'xxh128' ? xxh128Base64(bytes) : md5Base64Of(bytes);
}

async function localDigest(entry: ManifestEntry, path: string, size: number, pool: Md5Pool): Promise<string> {
  if (entryDigestAlgorithm(entry) === 'md5' && size > SMALL_FILE_BYTES) return pool.hashFile(path);
  const { bytes } = await readAndHash(path);
  return digestOfBytes(entry, bytes);
}

export async function downloadVersion(
  store: ArtifactStore,
  entries: readonly ManifestEntry[],
  root: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const absoluteRoot = resolve(root);
  const wanted = entriesUnder(entries, options.paths);
  const files = wanted.filter((e) => entryDigestAlgorithm(e) !== 'reference');
  const record: DownloadRecord = options.recordFile ? await readDownloadRecord(options.recordFile, absoluteRoot) : { root: absoluteRoot, files: {} };
  const recorded: Record<string, RecordedFile> = { ...record.files };
  const pool = new Md5Pool();
  let filesDone = 0;
  let fetched = 0;
  let bytesFetched = 0;
  try {
    await mapLimit(files, FETCHES_IN_FLIGHT, async (entry) => {
      if (options.signal?.aborted) throw new AppError('cancelled', 'the download was cancelled');
      const target = join(absoluteRoot, ...entry.path.split('/'));
      if (!target.startsWith(absoluteRoot + sep)) throw new AppError('invalid-path', `entry ${quoteForMessage(entry.path)} would be written outside ${absoluteRoot}`);
      const local = await stat(target).catch(() => null);
      let present = false;
      if (local?.isFile() && local.size === (entry.size ?? local.size)) {
        present = !options.verify && recordVouches(recorded[entry.path], local.size, local.mtimeMs, entry.digest);
        if (!present) present = (await localDigest(entry, target, local.size, pool)) === entry.digest;
        if (present) recorded[entry.path] = { size: local.size, mtimeMs: local.mtimeMs, digest: entry.digest };
      }
      if (!present) {
        const bytes = new Uint8Array(await (await store.readBlob(entry.digest)).arrayBuffer());
        const digest = await digestOfBytes(entry, bytes);
        if (digest !== entry.digest) {
          throw new AppError('digest-mismatch', `${entry.path}: the store returned bytes with digest ${digest}, not ${entry.digest}; nothing was written for it`);
        }
        await mkdir(dirname(target), { recursive: true });
        const temporary = `${target}.artifact-studio-${process.pid}.part`;
        try {
          await writeFile(temporary, bytes);
          await rename(temporary, target);
        } catch (error) {
          await rm(temporary, { force: true });
          throw error;
        }
        const written = await stat(target);
        recorded[entry.path] = { size: written.size, mtimeMs: written.mtimeMs, digest: entry.digest };
        fetched += 1;
        bytesFetched += bytes.byteLength;
      }
      filesDone += 1;
      options.onProgress?.({ filesDone, filesTotal: files.length, bytesFetched });
    });
  } finally {
    pool.close();
    if (options.recordFile) await writeDownloadRecord(options.recordFile, { root: absoluteRoot, files: recorded }).catch(() => undefined);
  }
  return { files: files.length, fetched, bytesFetched, kept: files.length - fetched, references: wanted.length - files.length };
}

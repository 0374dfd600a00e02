import { entryDigestAlgorithm } from '../../domain/digest';
import { AppError, isAppError } from '../../domain/errors';
import { formatBytes, formatCount } from '../../domain/format';
import { decodeManifestBytes } from '../../domain/manifest-text';
import { quoteForMessage } from '../../domain/paths';
import { readZipDirectory } from '../../domain/zip-read';
import type { LocatedZipEntry, ZipSource } from '../../domain/zip-read';
import { MANIFEST_FILE_NAME, parseManifestText, rootAtManifest } from './manifest-import';
import type { ImportFile, ImportProblem } from './manifest-import';

export type ZipReadProgress = { readonly filesDone: number; readonly filesTotal: number };

type ZipImportOptions = {
  signal?: AbortSignal;
  onProgress?: (progress: ZipReadProgress) => void;
};

/** Random access to a File or Blob: only the ranges asked for are read. */
export function blobZipSource(blob: Blob): ZipSource {
  return {
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}

/** What a zip gives the manifest check: only the entries the manifest lists were read. */
export type ZipImportRead = {
  readonly manifestText: string;
  readonly files: ImportFile[];
  /** Listed entries whose size in the zip's directory is not the manifest's: refused unread. */
  readonly problems: ImportProblem[];
  /** Entries beside the manifest that it does not list: skipped, never decompressed. */
  readonly unlisted: string[];
};

/** The manifest entry itself is read whole into a string, so it gets a cap of its own. */
export const MAX_ZIP_MANIFEST_BYTES = 256 * 1024 * 1024;

/**
 * Reads a zip holding `wandb_manifest.json` next to the files (at its root or under a folder):
 * the manifest first, then only the entries it lists. Stored entries are slices of the zip (no
 * copy); deflated ones stream through the browser's DecompressionStream one at a time, capped
 * at the size the manifest and the directory agree on: an entry whose listed sizes differ is
 * refused unread, one that inflates past its size is stopped at the first byte over (a zip
 * bomb or a damaged entry), and entries the manifest does not list are never decompressed.
 */
export async function filesFromZip(zip: Blob, { signal, onProgress }: ZipImportOptions = {}): Promise<ZipImportRead> {
  const entries = await readZipDirectory(blobZipSource(zip));
  const { manifest, files } = rootAtManifest(entries);
  if (!manifest) {
    throw new AppError('invalid-manifest', `the zip has no ${MANIFEST_FILE_NAME}: zip the folder that holds it next to the files`);
  }
  if (manifest.size > MAX_ZIP_MANIFEST_BYTES) {
    throw new AppError(
      'invalid-manifest',
      `${MANIFEST_FILE_NAME} in the zip is ${formatBytes(manifest.size)}; at most ${formatBytes(MAX_ZIP_MANIFEST_BYTES)} is read: split the version into smaller ones`,
    );
  }
  const manifestText = decodeManifestBytes(new Uint8Array(await (await entryBlob(zip, manifest)).arrayBuffer()), MANIFEST_FILE_NAME);
  const listedSizes = new Map<string, number | undefined>();
  for (const entry of parseManifestText(manifestText)) {
    if (entryDigestAlgorithm(entry) !== 'reference') listedSizes.set(entry.path, entry.size);
  }
  const toRead: LocatedZipEntry[] = [];
  const problems: ImportProblem[] = [];
  const unlisted: string[] = [];
  for (const entry of files) {
    if (!listedSizes.has(entry.path)) {
      unlisted.push(entry.path);
      continue;
    }
    const listedSize = listedSizes.get(entry.path);
    if (listedSize !== undefined && listedSize !== entry.size) {
      problems.push({ path: entry.path, kind: 'mismatch', expected: `${listedSize} bytes`, actual: `${entry.size} bytes (as the zip's directory lists)` });
      continue;
    }
    toRead.push(entry);
  }
  const out: ImportFile[] = [];
  for (let k = 0; k < toRead.length; k++) {
    if (signal?.aborted) throw new AppError('cancelled', 'The import was cancelled');
    onProgress?.({ filesDone: k, filesTotal: toRead.length });
    const entry = toRead[k];
    if (entry) out.push({ path: entry.path, blob: await entryBlob(zip, entry) });
  }
  onProgress?.({ filesDone: toRead.length, filesTotal: toRead.length });
  return { manifestText, files: out, problems, unlisted };
}

/**
 * The bytes of one entry, as a Blob. A deflated entry is stopped as soon as it inflates past
 * the size its directory lists; the refusal is kept aside because a stream error reaches
 * `Response.blob()` in Chromium only as "Failed to fetch".
 */
export async function entryBlob(zip: Blob, entry: LocatedZipEntry): Promise<Blob> {
  const data = zip.slice(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) return data;
  const name = quoteForMessage(entry.path);
  let seen = 0;
  const stopped: { overflow: AppError | null } = { overflow: null };
  const limit = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.length;
      if (seen > entry.size) {
        stopped.overflow = new AppError(
          'invalid-zip',
          `zip entry ${name} inflates to more than the ${formatCount(entry.size)} bytes its directory lists: the zip's directory lies about its size (damaged or hostile); nothing was read past that`,
          { details: { path: entry.path, listedSize: entry.size } },
        );
        controller.error(stopped.overflow);
        return;
      }
      controller.enqueue(chunk);
    },
  });
  let blob: Blob;
  try {
    const inflated = data.stream().pipeThrough(new DecompressionStream('deflate-raw')).pipeThrough(limit);
    blob = await new Response(inflated).blob();
  } catch (error) {
    if (stopped.overflow) throw stopped.overflow;
    if (isAppError(error)) throw error;
    throw new AppError('invalid-zip', `zip entry ${name} could not be decompressed (${(error as Error).message}): the zip is damaged; re-create it`, {
      cause: error,
    });
  }
  if (blob.size !== entry.size) {
    throw new AppError('invalid-zip', `zip entry ${name} inflates to ${blob.size} bytes, but its directory lists ${entry.size}: the zip is damaged; re-create it`);
  }
  return blob;
}

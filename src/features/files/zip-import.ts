import { AppError, isAppError } from '../../domain/errors';
import { decodeManifestBytes } from '../../domain/manifest-text';
import { quoteForMessage } from '../../domain/paths';
import { readZipDirectory } from '../../domain/zip-read';
import type { LocatedZipEntry, ZipSource } from '../../domain/zip-read';
import { MANIFEST_FILE_NAME, rootAtManifest } from './manifest-import';
import type { ImportFile } from './manifest-import';

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

/**
 * Reads a zip holding `wandb_manifest.json` next to the files (at its root or under a folder)
 * into what the manifest import checks: the manifest's text and every file beside or below
 * it, each as a Blob. Stored entries are slices of the zip (no copy); deflated ones are
 * decompressed with the browser's DecompressionStream, one at a time, and refused if they
 * inflate to more or fewer bytes than the directory says (a zip bomb or a damaged entry).
 */
export async function filesFromZip(zip: Blob, { signal, onProgress }: ZipImportOptions = {}): Promise<{ manifestText: string; files: ImportFile[] }> {
  const entries = await readZipDirectory(blobZipSource(zip));
  const { manifest, files } = rootAtManifest(entries);
  if (!manifest) {
    throw new AppError('invalid-manifest', `the zip has no ${MANIFEST_FILE_NAME}: zip the folder that holds it next to the files`);
  }
  const manifestText = decodeManifestBytes(new Uint8Array(await (await entryBlob(zip, manifest)).arrayBuffer()), MANIFEST_FILE_NAME);
  const out: ImportFile[] = [];
  for (let k = 0; k < files.length; k++) {
    if (signal?.aborted) throw new AppError('cancelled', 'The import was cancelled');
    onProgress?.({ filesDone: k, filesTotal: files.length });
    const entry = files[k];
    if (entry) out.push({ path: entry.path, blob: await entryBlob(zip, entry) });
  }
  onProgress?.({ filesDone: files.length, filesTotal: files.length });
  return { manifestText, files: out };
}

/** The bytes of one entry, as a Blob. */
export async function entryBlob(zip: Blob, entry: LocatedZipEntry): Promise<Blob> {
  const data = zip.slice(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) return data;
  const name = quoteForMessage(entry.path);
  let seen = 0;
  const limit = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.length;
      if (seen > entry.size) {
        throw new AppError('invalid-zip', `zip entry ${name} inflates to more than the ${entry.size} bytes its directory lists: the zip is damaged or hostile`);
      }
      controller.enqueue(chunk);
    },
  });
  let blob: Blob;
  try {
    const inflated = data.stream().pipeThrough(new DecompressionStream('deflate-raw')).pipeThrough(limit);
    blob = await new Response(inflated).blob();
  } catch (error) {
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

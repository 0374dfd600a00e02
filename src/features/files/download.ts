import { downloadZip } from 'client-zip';
import { AppError } from '../../domain/errors';
import type { ManifestEntry } from '../../domain/types';
import type { ArtifactStore } from '../../store/artifact-store';
import { saveBlob } from '../../ui/save-blob';
import { zipEntryPlan, zipRenamesText } from './zip-entry-name';

type SaveFilePicker = (options: {
  suggestedName?: string;
  types?: { description: string; accept: Record<string, string[]> }[];
}) => Promise<{ createWritable(): Promise<WritableStream<Uint8Array>> }>;

function savePicker(): SaveFilePicker | null {
  const picker = (window as unknown as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  return typeof picker === 'function' ? picker.bind(window) : null;
}

export type ZipProgress = { readonly filesDone: number; readonly filesTotal: number };

type ZipOptions = {
  signal?: AbortSignal;
  onProgress?: (progress: ZipProgress) => void;
};

/**
 * The version's files as a zip stream. Each blob is read from the store only when client-zip
 * asks for the next file, so at most one file is held in memory besides the stream's buffers.
 * Reference entries have no bytes here and are skipped (the manifest still lists them).
 * Entries get names safe on every system (zip-entry-name.ts); renamed ones are listed in a file
 * of the zip.
 */
export function zipStream(
  store: Pick<ArtifactStore, 'readBlob'>,
  entries: readonly ManifestEntry[],
  { signal, onProgress }: ZipOptions = {},
): ReadableStream<Uint8Array> {
  const stored = entries.filter((entry) => entry.ref === undefined);
  const { names, renames, renamesFile } = zipEntryPlan(stored.map((entry) => entry.path));
  async function* files() {
    for (let k = 0; k < stored.length; k++) {
      if (signal?.aborted) throw new AppError('cancelled', 'The zip download was cancelled');
      const entry = stored[k];
      if (!entry) continue;
      const blob = await store.readBlob(entry.digest);
      onProgress?.({ filesDone: k, filesTotal: stored.length });
      yield { name: names[k] ?? entry.path, input: blob, lastModified: new Date(0) };
    }
    // Paths no system could create as they are were renamed: the zip says which.
    if (renamesFile) yield { name: renamesFile, input: zipRenamesText(renames), lastModified: new Date(0) };
    onProgress?.({ filesDone: stored.length, filesTotal: stored.length });
  }
  const body = downloadZip(files(), { buffersAreUTF8: true }).body;
  if (!body) throw new AppError('internal', 'the zip stream could not be created');
  return body;
}

/**
 * Saves the zip: streamed straight to disk through the File System Access API when the browser
 * has it (constant memory, any size); otherwise collected into a Blob and downloaded (the
 * browser may page a large Blob to disk, but this path needs the space). Returns how it saved,
 * or null when the user cancelled the file picker.
 */
export async function saveVersionZip(
  store: Pick<ArtifactStore, 'readBlob'>,
  entries: readonly ManifestEntry[],
  fileName: string,
  options: ZipOptions = {},
): Promise<'stream' | 'blob' | null> {
  const picker = savePicker();
  if (picker) {
    let handle;
    try {
      handle = await picker({ suggestedName: fileName, types: [{ description: 'Zip archive', accept: { 'application/zip': ['.zip'] } }] });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return null;
      throw error;
    }
    const writable = await handle.createWritable();
    await zipStream(store, entries, options).pipeTo(writable, { signal: options.signal });
    return 'stream';
  }
  const blob = await new Response(zipStream(store, entries, options), { headers: { 'content-type': 'application/zip' } }).blob();
  saveBlob(blob, fileName);
  return 'blob';
}

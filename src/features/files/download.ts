import { downloadZip } from 'client-zip';
import { createMd5Hasher, createXxh128Hasher, entryDigestAlgorithm } from '../../domain/digest';
import type { StreamingHasher } from '../../domain/digest';
import { AppError, toAppError } from '../../domain/errors';
import { quoteForMessage } from '../../domain/paths';
import type { ManifestEntry } from '../../domain/types';
import type { ArtifactStore } from '../../store/artifact-store';
import { damagedCopyError } from '../../store/blob-bytes';
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
  /** The time every entry is dated with: the version's creation. */
  modifiedAt?: Date;
};

/** Zip dates cannot hold 1970 (DOS time starts in 1980): without the version's time, the entries are dated now. */
const undated = () => new Date();

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
  { signal, onProgress, onFailure, modifiedAt = undated() }: ZipOptions & { onFailure?: (error: AppError) => void } = {},
): ReadableStream<Uint8Array> {
  const stored = entries.filter((entry) => entry.ref === undefined);
  const { names, renames, renamesFile } = zipEntryPlan(stored.map((entry) => entry.path));
  async function* files() {
    for (let k = 0; k < stored.length; k++) {
      if (signal?.aborted) throw new AppError('cancelled', 'The zip download was cancelled');
      const entry = stored[k];
      if (!entry) continue;
      let blob: Blob;
      try {
        blob = await store.readBlob(entry.digest);
      } catch (error) {
        const appError = toAppError(error);
        const failure = new AppError(appError.code, `could not read the stored copy of ${quoteForMessage(entry.path)}: ${appError.message}`, { cause: error });
        onFailure?.(failure);
        throw failure;
      }
      onProgress?.({ filesDone: k, filesTotal: stored.length });
      const input = hashedAsRead(blob, entry, onFailure);
      yield { name: names[k] ?? entry.path, input, size: blob.size, lastModified: modifiedAt };
    }
    // Paths no system could create as they are were renamed: the zip says which.
    if (renamesFile) yield { name: renamesFile, input: zipRenamesText(renames), lastModified: modifiedAt };
    onProgress?.({ filesDone: stored.length, filesTotal: stored.length });
  }
  const body = downloadZip(files(), { buffersAreUTF8: true }).body;
  if (!body) throw new AppError('internal', 'the zip stream could not be created');
  return body;
}

/**
 * The blob's bytes as they are read, hashed on the way: when they do not hash to the entry's
 * digest the stream fails at its end, naming the path, so the zip holding them fails too.
 */
function hashedAsRead(blob: Blob, entry: ManifestEntry, onFailure?: (error: AppError) => void): ReadableStream<Uint8Array> {
  let hasher: StreamingHasher | null = null;
  return blob.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      async start() {
        hasher = entryDigestAlgorithm(entry) === 'xxh128' ? await createXxh128Hasher() : await createMd5Hasher();
      },
      transform(chunk, controller) {
        hasher?.update(chunk);
        controller.enqueue(chunk);
      },
      flush(controller) {
        if (hasher?.digestBase64() === entry.digest) return;
        const failure = damagedCopyError(entry.digest, entry.path);
        onFailure?.(failure);
        controller.error(failure);
      },
    }),
  );
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
  // The browser reports a failed stream as "Failed to fetch"; the first failure says which file and why.
  let failure: AppError | null = null;
  const zip = () => zipStream(store, entries, { ...options, onFailure: (error) => (failure ??= error) });
  try {
    return await saveZip(zip, fileName, options.signal);
  } catch (error) {
    throw failure ?? error;
  }
}

async function saveZip(zip: () => ReadableStream<Uint8Array>, fileName: string, signal: AbortSignal | undefined): Promise<'stream' | 'blob' | null> {
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
    await zip().pipeTo(writable, signal ? { signal } : {});
    return 'stream';
  }
  const blob = await new Response(zip(), { headers: { 'content-type': 'application/zip' } }).blob();
  saveBlob(blob, fileName);
  return 'blob';
}

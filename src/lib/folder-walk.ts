import type { DroppedFile } from '../domain/draft';

/**
 * Turns what the user dropped or chose into files with their paths relative to what was
 * dropped: "photos/cats/a.jpg" for a folder, "a.jpg" for a file dropped on its own.
 * Folders are walked through `getAsFileSystemHandle()` where the browser has it, else
 * `webkitGetAsEntry()`; a drop without either (e.g. a synthetic one) falls back to
 * `dataTransfer.files`. A folder chosen with `showDirectoryPicker()` is walked the same way.
 */
export type PickedFile = DroppedFile<File>;

/** Page time spent reading file sizes, or starting reads of found files, before yielding to the event loop. */
const SLICE_MS = 20;

/** Lets the browser handle input and paint (scheduler.yield where there is one, else a task). */
function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Page time in slices of SLICE_MS: `due` once a slice is used up, `next()` yields and starts the next. */
class TimeSlices {
  private start = performance.now();

  get due(): boolean {
    return performance.now() - this.start >= SLICE_MS;
  }

  async next(): Promise<void> {
    await yieldToEventLoop();
    this.start = performance.now();
  }
}

/**
 * Collects what a pick or walk finds, handing it to `onSlice` in slices: what is new at each
 * `handOn()`, and every `everyFiles` files when given; `done()` hands over the rest and returns all.
 */
function collector(onSlice: ((slice: PickedFile[]) => void) | undefined, everyFiles = Number.POSITIVE_INFINITY) {
  const out: PickedFile[] = [];
  let handed = 0;
  const handOn = () => {
    if (handed < out.length) onSlice?.(out.slice(handed));
    handed = out.length;
  };
  return {
    add(file: PickedFile): void {
      out.push(file);
      if (out.length - handed >= everyFiles) handOn();
    },
    handOn,
    done(): PickedFile[] {
      handOn();
      return out;
    },
  };
}

/**
 * From an <input type=file> (with or without `webkitdirectory`). Chromium learns the size of a
 * chosen file with a synchronous browser round trip the first time it is asked, which over a
 * large folder would freeze the page, so sizes are read in slices of SLICE_MS with the event
 * loop in between, and each slice is handed to `onSlice` as soon as its sizes are known: the
 * hash workers start on it while the next sizes are read (bench row "ingest a 10,000-file
 * folder of 4 KiB files end to end, chosen through <input webkitdirectory> …", whose note gives
 * the time spent reading what was picked). Pass a copy of `input.files` if the input is cleared
 * meanwhile.
 */
export async function filesFromInput(list: FileList | readonly File[], onSlice?: (slice: PickedFile[]) => void): Promise<PickedFile[]> {
  const found = collector(onSlice);
  const slices = new TimeSlices();
  for (const file of Array.from(list)) {
    found.add({ dropPath: file.webkitRelativePath || file.name, size: file.size, file, fileName: file.name });
    if (slices.due) {
      found.handOn();
      await slices.next();
    }
  }
  return found.done();
}

// Chromium resolves to undefined (not null) for items of a synthetic DataTransfer.
export type HandleItem = DataTransferItem & { getAsFileSystemHandle?: () => Promise<FileSystemHandleLike | null | undefined> };
/** What the walk uses of a FileSystemHandle (a dropped item's, or showDirectoryPicker's). */
export interface FileSystemHandleLike {
  readonly kind: 'file' | 'directory';
  readonly name: string;
  getFile?: () => Promise<File>;
  values?: () => AsyncIterable<FileSystemHandleLike>;
}

/**
 * Reads a drop. Must be called synchronously inside the `drop` handler: the browser empties
 * the DataTransfer once the handler returns, so entries are taken before the first await.
 */
export function filesFromDataTransfer(transfer: DataTransfer, onSlice?: (slice: PickedFile[]) => void): Promise<PickedFile[]> {
  const items = Array.from(transfer.items).filter((item) => item.kind === 'file');
  const fallback = Array.from(transfer.files);
  const entries = items.map((item) => item.webkitGetAsEntry?.() ?? null).filter((e): e is FileSystemEntry => e !== null);
  const orEntries = () => (entries.length > 0 ? walkEntries(entries, onSlice) : filesFromInput(fallback, onSlice));
  // Handles first where the browser has them: their files come with their sizes and the walk
  // keeps the page free, where entries are slower (bench row "ingest a 10,000-file folder of
  // 4 KiB files end to end, dropped on the page …").
  const handles = items
    .map((item) => (item as HandleItem).getAsFileSystemHandle?.().catch(() => null))
    .filter((h): h is Promise<FileSystemHandleLike | null | undefined> => h !== undefined);
  if (handles.length > 0) return walkHandles(handles, orEntries, onSlice);
  return orEntries();
}

type DirectoryPicker = (options: { id: string; mode: 'read' }) => Promise<FileSystemHandleLike>;

/**
 * `showDirectoryPicker()` where the browser has it (Chromium), else null (use <input
 * webkitdirectory>). The chosen folder is then walked through its handle like a dropped one:
 * its files come with their sizes, instead of a synchronous lookup per file (filesFromInput).
 * The picker resolves to null when the user closes it without choosing.
 */
export function directoryPicker(): (() => Promise<FileSystemHandleLike | null>) | null {
  const picker = (globalThis as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;
  if (typeof picker !== 'function') return null;
  return async () => {
    try {
      // The id lets the browser open the picker where the last upload's folder was.
      return await picker.call(globalThis, { id: 'artifact-studio-upload', mode: 'read' });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return null;
      throw error;
    }
  };
}

/** A folder chosen with `directoryPicker()`: paths start with its name, as webkitRelativePath does. */
export function filesFromDirectoryHandle(folder: FileSystemHandleLike, onSlice?: (slice: PickedFile[]) => void): Promise<PickedFile[]> {
  return walkHandles([Promise.resolve(folder)], () => Promise.resolve([]), onSlice);
}

/** Files found by a walk, in slices of this many as they are found (the last one shorter). */
const WALK_SLICE_FILES = 256;

async function walkEntries(roots: readonly FileSystemEntry[], onSlice?: (slice: PickedFile[]) => void): Promise<PickedFile[]> {
  const found = collector(onSlice, WALK_SLICE_FILES);
  async function visit(entry: FileSystemEntry): Promise<void> {
    if (isFileEntry(entry)) {
      const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
      found.add({ dropPath: entry.fullPath.replace(/^\/+/, ''), size: file.size, file, fileName: entry.name });
    } else if (isDirectoryEntry(entry)) {
      const children = await readAll(entry.createReader());
      await Promise.all(children.map(visit));
    }
  }
  await Promise.all(roots.map(visit));
  return found.done();
}

function isFileEntry(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function isDirectoryEntry(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

/** readEntries() answers in batches (100 in Chromium) until it returns an empty one. */
async function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** Walks the handles; `otherwise` reads the drop when they all resolved to nothing (a synthetic drop). */
async function walkHandles(
  pending: readonly Promise<FileSystemHandleLike | null | undefined>[],
  otherwise: () => Promise<PickedFile[]>,
  onSlice?: (slice: PickedFile[]) => void,
): Promise<PickedFile[]> {
  const roots = (await Promise.all(pending)).filter((h): h is FileSystemHandleLike => h !== null && h !== undefined);
  if (roots.length === 0) return otherwise();
  const found = collector(onSlice, WALK_SLICE_FILES);
  async function visit(handle: FileSystemHandleLike, parent: string): Promise<void> {
    const path = parent === '' ? handle.name : `${parent}/${handle.name}`;
    if (handle.kind === 'file' && handle.getFile) {
      const file = await handle.getFile();
      found.add({ dropPath: path, size: file.size, file, fileName: handle.name });
    } else if (handle.kind === 'directory' && handle.values) {
      const children: Promise<void>[] = [];
      // Each child's read starts at once, in time slices: one task for a whole large folder would
      // be a long task (the ingest bench rows count main-thread long tasks while hashing).
      const slices = new TimeSlices();
      for await (const child of handle.values()) {
        children.push(visit(child, path));
        if (slices.due) await slices.next();
      }
      await Promise.all(children);
    }
  }
  await Promise.all(roots.map((root) => visit(root, '')));
  return found.done();
}

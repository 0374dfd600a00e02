/**
 * The draft of a new version: a change set over a base version (or over nothing), built from
 * dropped files, pasted references and removals, then resolved into the new manifest and its
 * diff against the base. Pure: the dropped files are opaque handles `F` (a File in the app)
 * and their digests come from the caller, once hashed.
 */
import { diffManifests } from './diff';
import type { ManifestDiff } from './diff';
import { AppError } from './errors';
import { compareCodePoints, fileFolderClashError, findFileFolderClash, normalisePath, quoteForMessage, relativeDropPath } from './paths';
import type { ManifestEntry } from './types';

export interface DraftBase {
  /** The version index the draft starts from (vN). */
  readonly index: number;
  /** Its manifest entries, sorted by path. */
  readonly entries: readonly ManifestEntry[];
}

/** A dropped file: `dropPath` is its `webkitRelativePath` (or its name when dropped alone). */
export interface DroppedFile<F> {
  readonly dropPath: string;
  readonly size: number;
  readonly file: F;
  /**
   * The file's own name as the browser gives it (`File.name`). Chromium on Linux reports a file
   * named `a\b.txt` with the webkitRelativePath `top/a/b.txt`: the name tells it from a real
   * `top/a/b.txt` in messages.
   */
  readonly fileName?: string;
}

/** `batch` counts the drops, picks and pastes: two inputs of one batch never replace each other. */
export type DraftAddition<F> =
  | {
      readonly kind: 'file';
      readonly dropPath: string;
      readonly size: number;
      readonly file: F;
      readonly fileName?: string;
      readonly batch: number;
    }
  | { readonly kind: 'reference'; readonly entry: ManifestEntry; readonly batch: number };

export interface Draft<F> {
  /** The version the draft is compared with; null for a new artifact. */
  readonly base: DraftBase | null;
  /** 'base': the draft starts with the base's files; 'empty': "replace all contents". */
  readonly startFrom: 'base' | 'empty';
  /** Base paths removed from the draft. */
  readonly removed: ReadonlySet<string>;
  /** Dropped files and references in the order added; a later one replaces an earlier at the same path. */
  readonly additions: readonly DraftAddition<F>[];
  /** Keep a dropped folder's own name as the first path segment; null decides automatically. */
  readonly keepTopFolder: boolean | null;
  /** Folder inside the artifact that dropped files go under; "" for the root. */
  readonly prefix: string;
  /**
   * The folder the draft is a snapshot of: its first addition was one whole folder, so the new
   * version holds exactly that folder's files, as W&B's `add_dir` logs (see addDropped). Null
   * when files were added loose.
   */
  readonly folderSnapshot: string | null;
}

export type DraftItem<F> =
  | { readonly origin: 'base'; readonly path: string; readonly size: number; readonly entry: ManifestEntry }
  | { readonly origin: 'file'; readonly path: string; readonly size: number; readonly file: F }
  | { readonly origin: 'reference'; readonly path: string; readonly size: number; readonly entry: ManifestEntry };

export function createDraft<F>(base: DraftBase | null): Draft<F> {
  return { base, startFrom: base ? 'base' : 'empty', removed: new Set(), additions: [], keepTopFolder: null, prefix: '', folderSnapshot: null };
}

/** Switches between "start from vN" and "replace all contents" (removals are kept for later). */
export function setStartFrom<F>(draft: Draft<F>, startFrom: 'base' | 'empty'): Draft<F> {
  if (startFrom === 'base' && !draft.base) {
    throw new AppError('not-found', 'the draft has no base version to start from (this is a new artifact)');
  }
  return { ...draft, startFrom };
}

/** Compares with, and starts from, another version; removals made against the old base are dropped. */
export function setBase<F>(draft: Draft<F>, base: DraftBase | null): Draft<F> {
  return { ...draft, base, removed: new Set(), startFrom: base ? draft.startFrom : 'empty' };
}

function nextBatch<F>(draft: Draft<F>): number {
  let last = -1;
  for (const addition of draft.additions) last = Math.max(last, addition.batch);
  return last + 1;
}

/** Adds one drop or pick; a file at the path of an earlier drop's file of the same name replaces it. */
export function addFiles<F>(draft: Draft<F>, files: readonly DroppedFile<F>[]): Draft<F> {
  const batch = nextBatch(draft);
  const added = files.map(
    (f): DraftAddition<F> => ({ kind: 'file', dropPath: f.dropPath, size: f.size, file: f.file, fileName: f.fileName, batch }),
  );
  return { ...draft, additions: [...draft.additions, ...added] };
}

/** The one top folder every file lies in (a whole folder dropped or picked), else null. */
export function wholeFolderOf<F>(files: readonly DroppedFile<F>[]): string | null {
  let folder: string | null = null;
  for (const file of files) {
    const path = file.dropPath.replace(/^\/+/, '');
    const slash = path.indexOf('/');
    if (slash <= 0) return null;
    const top = path.slice(0, slash);
    if (folder !== null && folder !== top) return null;
    folder = top;
  }
  return folder;
}

/**
 * Adds a drop or pick. One whole folder as the draft's first addition makes the draft a
 * snapshot of that folder (it replaces all contents: files of the base not in the folder are
 * removed, renames show as renames); anything else adds to the base, as addFiles does.
 */
export function addDropped<F>(draft: Draft<F>, files: readonly DroppedFile<F>[]): Draft<F> {
  const folder = draft.additions.length === 0 ? wholeFolderOf(files) : null;
  const added = addFiles(draft, files);
  return folder === null ? added : { ...added, startFrom: 'empty', folderSnapshot: folder };
}

/**
 * The base's files a folder snapshot leaves out (by path), which "keep them" would bring back;
 * empty when the draft is no snapshot or has no base.
 */
export function filesLeftOutOfSnapshot<F>(draft: Draft<F>): ManifestEntry[] {
  if (draft.folderSnapshot === null || !draft.base) return [];
  const keepTop = keepsTopFolder(draft);
  const inFolder = new Set<string>();
  for (const addition of draft.additions) {
    try {
      inFolder.add(additionPath(draft, addition, keepTop));
    } catch {
      // A name that cannot be stored is reported by draftContents; here it is simply not in the folder.
    }
  }
  return draft.base.entries.filter((entry) => !inFolder.has(entry.path) && !draft.removed.has(entry.path));
}

export function addReferences<F>(draft: Draft<F>, entries: readonly ManifestEntry[]): Draft<F> {
  const batch = nextBatch(draft);
  const added = entries.map((entry): DraftAddition<F> => ({ kind: 'reference', entry: { ...entry, path: normalisePath(entry.path) }, batch }));
  return { ...draft, additions: [...draft.additions, ...added] };
}

/** Sets the folder dropped files go under; "" or "/" for the root. Throws AppError('invalid-path'). */
export function setPrefix<F>(draft: Draft<F>, prefix: string): Draft<F> {
  const trimmed = prefix.trim().replace(/^\/+/, '');
  return { ...draft, prefix: trimmed === '' ? '' : normalisePath(trimmed) };
}

export function setKeepTopFolder<F>(draft: Draft<F>, keepTopFolder: boolean | null): Draft<F> {
  return { ...draft, keepTopFolder };
}

/** The distinct top folders of the dropped files (files dropped on their own have none). */
export function droppedFolders<F>(draft: Draft<F>): string[] {
  const folders = new Set<string>();
  for (const addition of draft.additions) {
    if (addition.kind !== 'file') continue;
    const path = addition.dropPath.replace(/^\/+/, '');
    const slash = path.indexOf('/');
    if (slash > 0) folders.add(path.slice(0, slash));
  }
  return [...folders].sort(compareCodePoints);
}

/** Whether dropped folders keep their own name: automatically only when several were dropped. */
export function keepsTopFolder<F>(draft: Draft<F>): boolean {
  return draft.keepTopFolder ?? droppedFolders(draft).length > 1;
}

/** The path a dropped file gets inside the artifact under the draft's prefix and folder rule. */
export function additionPath<F>(draft: Draft<F>, addition: DraftAddition<F>, keepTopFolder = keepsTopFolder(draft)): string {
  if (addition.kind === 'reference') return addition.entry.path;
  return relativeDropPath(addition.dropPath, { keepTopFolder, prefix: draft.prefix });
}

function isAtOrUnder(path: string, target: string): boolean {
  return path === target || (path.startsWith(target) && path.charCodeAt(target.length) === 47); // '/'
}

/**
 * Removes the file at `target`, or every file under the folder `target/` (wandb-spec §5), from
 * the base and from what was added. Throws AppError('not-found') when nothing is there.
 */
export function removePath<F>(draft: Draft<F>, target: string): Draft<F> {
  const path = normalisePath(target);
  const keepTop = keepsTopFolder(draft);
  const additions = draft.additions.filter((a) => !isAtOrUnder(additionPath(draft, a, keepTop), path));
  const removed = new Set(draft.removed);
  if (draft.startFrom === 'base' && draft.base) {
    for (const entry of draft.base.entries) if (isAtOrUnder(entry.path, path)) removed.add(entry.path);
  }
  if (additions.length === draft.additions.length && removed.size === draft.removed.size) {
    throw new AppError('not-found', `the draft has no file or folder at ${quoteForMessage(path)}`, { details: { path } });
  }
  return { ...draft, additions, removed };
}

/** Two additions that land on the same entry path where neither may replace the other. */
export interface DraftClash {
  readonly path: string;
  /** What the user added, as they would recognise it: the dropped path with the file's own name, or the URI. */
  readonly names: readonly [string, string];
}

/**
 * The dropped path as the user knows it: `top/a/b.txt` for a file named `a\b.txt` becomes
 * `top/a\b.txt` (Chromium turned its "\" into "/"); any other renaming is said in words.
 */
export function originalDropName(dropPath: string, fileName: string | undefined): string {
  if (fileName === undefined || fileName === '' || dropPath === fileName || dropPath.endsWith(`/${fileName}`)) return dropPath;
  const asReported = fileName.replace(/\\/g, '/');
  if (dropPath === asReported) return fileName;
  if (dropPath.endsWith(`/${asReported}`)) return dropPath.slice(0, dropPath.length - asReported.length) + fileName;
  return `${dropPath} (file name ${JSON.stringify(fileName)})`;
}

function nameOf<F>(addition: DraftAddition<F>): string {
  return addition.kind === 'file' ? originalDropName(addition.dropPath, addition.fileName) : (addition.entry.ref ?? addition.entry.path);
}

/**
 * A later addition replaces an earlier one at its path only when it is the same input again
 * from another drop or paste (same dropped path and name, or same URI): anything else landing
 * on one path (a "\" Chromium reported as "/", two folders without their names, a file and a
 * reference) is a clash, never a silent loss of one of them.
 */
function replaces<F>(earlier: DraftAddition<F>, later: DraftAddition<F>): boolean {
  return earlier.batch !== later.batch && earlier.kind === later.kind && nameOf(earlier) === nameOf(later);
}

/** What the new version will hold, sorted by path, and the additions that clash on a path. */
export function draftContents<F>(draft: Draft<F>): { items: DraftItem<F>[]; clashes: DraftClash[] } {
  const items = new Map<string, DraftItem<F>>();
  if (draft.startFrom === 'base' && draft.base) {
    for (const entry of draft.base.entries) {
      if (!draft.removed.has(entry.path)) items.set(entry.path, { origin: 'base', path: entry.path, size: entry.size ?? 0, entry });
    }
  }
  const keepTop = keepsTopFolder(draft);
  const holders = new Map<string, DraftAddition<F>>();
  const clashes: DraftClash[] = [];
  const refused: AppError[] = [];
  for (const addition of draft.additions) {
    let path: string;
    try {
      path = additionPath(draft, addition, keepTop);
    } catch (error) {
      // Every bad name is reported, not only the first one met.
      if (!(error instanceof AppError) || error.code !== 'invalid-path') throw error;
      refused.push(error);
      continue;
    }
    const holder = holders.get(path);
    if (holder && !replaces(holder, addition)) clashes.push({ path, names: [nameOf(holder), nameOf(addition)] });
    holders.set(path, addition);
    items.delete(path); // re-insert so that the later addition wins
    if (addition.kind === 'file') items.set(path, { origin: 'file', path, size: addition.size, file: addition.file });
    else items.set(path, { origin: 'reference', path, size: addition.entry.size ?? 0, entry: addition.entry });
  }
  if (refused.length > 0) throw refusedNames(refused);
  return { items: [...items.values()].sort((a, b) => compareCodePoints(a.path, b.path)), clashes };
}

const CLASHES_NAMED = 5;

/**
 * Why the draft cannot be committed as it stands: additions that clash on a path (both names
 * listed), or a file and a folder of the same name. Null when there is no such problem.
 */
export function draftClashError<F>(contents: { items: readonly DraftItem<F>[]; clashes: readonly DraftClash[] }): AppError | null {
  const { clashes } = contents;
  if (clashes.length > 0) {
    const lines = clashes.slice(0, CLASHES_NAMED).map((c) => `${quoteForMessage(c.names[0])} and ${quoteForMessage(c.names[1])} both become ${quoteForMessage(c.path)}`);
    if (clashes.length > CLASHES_NAMED) lines.push(`and ${clashes.length - CLASHES_NAMED} more`);
    const count = clashes.length === 1 ? 'Two added files land' : `${clashes.length} pairs of added files land`;
    return new AppError(
      'duplicate-path',
      `${count} on the same path, and a version holds one file per path: ${lines.join('; ')}. Rename one of each pair and add it again, or remove the path and add them under different folders.`,
      { details: { clashes } },
    );
  }
  const folderClash = findFileFolderClash(contents.items.map((item) => item.path));
  return folderClash ? fileFolderClashError(folderClash, 'the new version') : null;
}

/**
 * What the new version will hold, sorted by path. Throws AppError('invalid-path') for a bad
 * dropped path and AppError('duplicate-path') for a clash (see draftClashError).
 */
export function draftItems<F>(draft: Draft<F>): DraftItem<F>[] {
  const contents = draftContents(draft);
  const error = draftClashError(contents);
  if (error) throw error;
  return contents.items;
}

/** Bad names listed in a refusal; the count says how many more there are. */
const REFUSED_NAMES_SHOWN = 5;

/** One refusal for every dropped file whose name cannot be stored: the count, and the first few with why. */
function refusedNames(refused: readonly AppError[]): AppError {
  const first = refused[0];
  if (refused.length === 1 && first) return first;
  const shown = refused.slice(0, REFUSED_NAMES_SHOWN).map((e) => `- ${e.message}`);
  const more = refused.length > REFUSED_NAMES_SHOWN ? `\n…and ${refused.length - REFUSED_NAMES_SHOWN} more` : '';
  return new AppError('invalid-path', `${refused.length} files have names that cannot be stored:\n${shown.join('\n')}${more}`, {
    details: { count: refused.length },
  });
}

export interface ResolvedDraft<F> {
  /** The new manifest, sorted by path; complete only when `unhashed` is empty. */
  readonly entries: ManifestEntry[];
  /** Dropped files whose digest `digestOf` does not know yet. */
  readonly unhashed: readonly DraftItem<F>[];
}

/** Turns the draft into manifest entries, taking dropped files' digests from `digestOf`. */
export function resolveDraft<F>(items: readonly DraftItem<F>[], digestOf: (file: F) => string | undefined): ResolvedDraft<F> {
  const entries: ManifestEntry[] = [];
  const unhashed: DraftItem<F>[] = [];
  for (const item of items) {
    if (item.origin !== 'file') {
      entries.push(item.entry.path === item.path ? item.entry : { ...item.entry, path: item.path });
      continue;
    }
    const digest = digestOf(item.file);
    if (digest === undefined) unhashed.push(item);
    else entries.push({ path: item.path, digest, size: item.size });
  }
  return { entries, unhashed };
}

/** What the file list marks a draft item with: how it stands against the base. */
export type DraftItemMark = 'kept' | 'unchanged' | 'added' | 'modified' | 'renamed' | 'reference' | 'pending';

/** The paths a diff adds, modifies or renames to; every other path of the new version is unchanged. */
export function changedPaths(diff: ManifestDiff): ReadonlyMap<string, 'added' | 'modified' | 'renamed'> {
  const changes = new Map<string, 'added' | 'modified' | 'renamed'>();
  for (const entry of diff.added) changes.set(entry.path, 'added');
  for (const entry of diff.modified) changes.set(entry.path, 'modified');
  for (const entry of diff.renamed) changes.set(entry.to.path, 'renamed');
  return changes;
}

/**
 * A dropped file is "unchanged" when the base holds the same bytes at its path (a re-upload of
 * a folder), not "added"; `changes` is null while the draft is still hashed and compared.
 */
export function draftItemMark<F>(item: DraftItem<F>, hasBase: boolean, changes: ReadonlyMap<string, 'added' | 'modified' | 'renamed'> | null): DraftItemMark {
  if (item.origin === 'base') return 'kept';
  if (item.origin === 'reference') return 'reference';
  if (!hasBase) return 'added';
  if (!changes) return 'pending';
  return changes.get(item.path) ?? 'unchanged';
}

/** The draft's change against its base (against nothing for a new artifact). */
export function draftDiff<F>(draft: Draft<F>, entries: readonly ManifestEntry[]): ManifestDiff {
  return diffManifests(draft.base?.entries ?? [], entries);
}

/**
 * The draft of a new version: a change set over a base version (or over nothing), built from
 * dropped files, pasted references and removals, then resolved into the new manifest and its
 * diff against the base. Pure: the dropped files are opaque handles `F` (a File in the app)
 * and their digests come from the caller, once hashed.
 */
import { diffManifests } from './diff';
import type { ManifestDiff } from './diff';
import { AppError } from './errors';
import { compareCodePoints, normalisePath, quoteForMessage, relativeDropPath } from './paths';
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
}

export type DraftAddition<F> =
  | { readonly kind: 'file'; readonly dropPath: string; readonly size: number; readonly file: F }
  | { readonly kind: 'reference'; readonly entry: ManifestEntry };

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
}

export type DraftItem<F> =
  | { readonly origin: 'base'; readonly path: string; readonly size: number; readonly entry: ManifestEntry }
  | { readonly origin: 'file'; readonly path: string; readonly size: number; readonly file: F }
  | { readonly origin: 'reference'; readonly path: string; readonly size: number; readonly entry: ManifestEntry };

export function createDraft<F>(base: DraftBase | null): Draft<F> {
  return { base, startFrom: base ? 'base' : 'empty', removed: new Set(), additions: [], keepTopFolder: null, prefix: '' };
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

export function addFiles<F>(draft: Draft<F>, files: readonly DroppedFile<F>[]): Draft<F> {
  const added = files.map((f): DraftAddition<F> => ({ kind: 'file', dropPath: f.dropPath, size: f.size, file: f.file }));
  return { ...draft, additions: [...draft.additions, ...added] };
}

export function addReferences<F>(draft: Draft<F>, entries: readonly ManifestEntry[]): Draft<F> {
  const added = entries.map((entry): DraftAddition<F> => ({ kind: 'reference', entry: { ...entry, path: normalisePath(entry.path) } }));
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

/** What the new version will hold, sorted by path. Throws AppError('invalid-path') for a bad dropped path. */
export function draftItems<F>(draft: Draft<F>): DraftItem<F>[] {
  const items = new Map<string, DraftItem<F>>();
  if (draft.startFrom === 'base' && draft.base) {
    for (const entry of draft.base.entries) {
      if (!draft.removed.has(entry.path)) items.set(entry.path, { origin: 'base', path: entry.path, size: entry.size ?? 0, entry });
    }
  }
  const keepTop = keepsTopFolder(draft);
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
    items.delete(path); // re-insert so that the later addition wins
    if (addition.kind === 'file') items.set(path, { origin: 'file', path, size: addition.size, file: addition.file });
    else items.set(path, { origin: 'reference', path, size: addition.entry.size ?? 0, entry: addition.entry });
  }
  if (refused.length > 0) throw refusedNames(refused);
  return [...items.values()].sort((a, b) => compareCodePoints(a.path, b.path));
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

/** The draft's change against its base (against nothing for a new artifact). */
export function draftDiff<F>(draft: Draft<F>, entries: readonly ManifestEntry[]): ManifestDiff {
  return diffManifests(draft.base?.entries ?? [], entries);
}

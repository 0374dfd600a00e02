/**
 * What changed between two manifests: one linear merge over path-sorted entries, then
 * removed/added pairs with the same digest become renames.
 */
import { compareCodePoints, isSortedByCodePoint, sortByCodePoint } from './paths';
import type { ManifestEntry } from './types';

export interface ModifiedEntry {
  readonly path: string;
  readonly before: ManifestEntry;
  readonly after: ManifestEntry;
}

export interface RenamedEntry {
  readonly from: ManifestEntry;
  readonly to: ManifestEntry;
}

export interface ManifestDiff {
  /** Paths only in `next` (renames excluded), by path. */
  added: ManifestEntry[];
  /** Paths only in `base` (renames excluded), by path. */
  removed: ManifestEntry[];
  /** Same path, other digest (or other reference target), by path. */
  modified: ModifiedEntry[];
  /** Same digest moved to a new path, paired one-to-one, by `to.path`. */
  renamed: RenamedEntry[];
  /** Same path and digest in both. */
  unchanged: number;
  /** Σ size of added entries + Σ new size of modified ones. */
  bytesAdded: number;
  /** Σ size of removed entries + Σ old size of modified ones. */
  bytesRemoved: number;
}

function byPath(entry: ManifestEntry): string {
  return entry.path;
}

function compareNative(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isSortedNatively(entries: readonly ManifestEntry[]): boolean {
  for (let i = 1; i < entries.length; i++) {
    if ((entries[i - 1] as ManifestEntry).path > (entries[i] as ManifestEntry).path) return false;
  }
  return true;
}

/**
 * The order to merge in, and the inputs in that order. Merging only needs both sides sorted
 * by the same total order: the engine's UTF-16 order is much cheaper to check and compare
 * than code-point order, and it holds for the usual manifest (code-point sorted, no path
 * mixing U+10000.. with U+E000–U+FFFF). Otherwise code-point order, sorting if needed
 * (bench row "manifest diff, two 100,000-entry versions, 1 % changed (Node)").
 */
function mergeOrder(
  base: readonly ManifestEntry[],
  next: readonly ManifestEntry[],
): { compare: (a: string, b: string) => number; native: boolean; before: readonly ManifestEntry[]; after: readonly ManifestEntry[] } {
  if (isSortedNatively(base) && isSortedNatively(next)) {
    return { compare: compareNative, native: true, before: base, after: next };
  }
  const sort = (entries: readonly ManifestEntry[]): readonly ManifestEntry[] =>
    isSortedByCodePoint(entries, byPath) ? entries : sortByCodePoint([...entries], byPath);
  return { compare: compareCodePoints, native: false, before: sort(base), after: sort(next) };
}

function sameContent(a: ManifestEntry, b: ManifestEntry): boolean {
  return a.digest === b.digest && a.ref === b.ref;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function renameKey(entry: ManifestEntry): string {
  // A reference with the same ETag at another URI is not the same thing moved.
  return entry.ref === undefined ? entry.digest : `${entry.digest}\u0000${entry.ref}`;
}

/** Removed entries grouped by a key, handed out in path order. */
class Queue {
  private readonly lists = new Map<string, { items: ManifestEntry[]; next: number }>();

  constructor(
    entries: readonly ManifestEntry[],
    private readonly keyOf: (entry: ManifestEntry) => string,
  ) {
    for (const entry of entries) {
      const key = keyOf(entry);
      const list = this.lists.get(key);
      if (list === undefined) this.lists.set(key, { items: [entry], next: 0 });
      else list.items.push(entry);
    }
  }

  /** The first entry with the same key as `entry` not yet taken; amortised O(1). */
  take(entry: ManifestEntry, taken: Set<ManifestEntry>): ManifestEntry | undefined {
    const list = this.lists.get(this.keyOf(entry));
    if (list === undefined) return undefined;
    while (list.next < list.items.length) {
      const candidate = list.items[list.next] as ManifestEntry;
      list.next += 1;
      if (!taken.has(candidate)) return candidate;
    }
    return undefined;
  }
}

/**
 * Pairs removed and added entries holding the same content, one-to-one and deterministic:
 * first those that also keep their file name (a move between folders), then the rest, each
 * in path order. Marks the paired entries in `taken`.
 */
function pairRenames(
  removed: readonly ManifestEntry[],
  added: readonly ManifestEntry[],
  taken: Set<ManifestEntry>,
): RenamedEntry[] {
  if (removed.length === 0 || added.length === 0) return [];
  const pairs = new Map<ManifestEntry, ManifestEntry>();
  const passes = [
    new Queue(removed, (entry) => `${renameKey(entry)}\u0001${baseName(entry.path)}`),
    new Queue(removed, renameKey),
  ];
  for (const queue of passes) {
    for (const to of added) {
      if (taken.has(to)) continue;
      const from = queue.take(to, taken);
      if (from === undefined) continue;
      taken.add(from);
      taken.add(to);
      pairs.set(to, from);
    }
  }
  const renamed: RenamedEntry[] = [];
  for (const to of added) {
    const from = pairs.get(to);
    if (from !== undefined) renamed.push({ from, to });
  }
  return renamed;
}

/** Compares two manifests (sorted by path in code-point order; sorted here if not). */
export function diffManifests(base: readonly ManifestEntry[], next: readonly ManifestEntry[]): ManifestDiff {
  const { compare, native, before, after } = mergeOrder(base, next);
  const onlyBefore: ManifestEntry[] = [];
  const onlyAfter: ManifestEntry[] = [];
  const modified: ModifiedEntry[] = [];
  let unchanged = 0;
  let bytesAdded = 0;
  let bytesRemoved = 0;

  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    const a = before[i] as ManifestEntry;
    const b = after[j] as ManifestEntry;
    const order = a.path === b.path ? 0 : compare(a.path, b.path);
    if (order === 0) {
      if (sameContent(a, b)) unchanged += 1;
      else {
        modified.push({ path: a.path, before: a, after: b });
        bytesRemoved += a.size ?? 0;
        bytesAdded += b.size ?? 0;
      }
      i += 1;
      j += 1;
    } else if (order < 0) {
      onlyBefore.push(a);
      i += 1;
    } else {
      onlyAfter.push(b);
      j += 1;
    }
  }
  for (; i < before.length; i++) onlyBefore.push(before[i] as ManifestEntry);
  for (; j < after.length; j++) onlyAfter.push(after[j] as ManifestEntry);

  if (native) {
    // Results are promised in code-point order; these lists are small in a typical diff.
    sortByCodePoint(onlyBefore, byPath);
    sortByCodePoint(onlyAfter, byPath);
    sortByCodePoint(modified, (change) => change.path);
  }

  const taken = new Set<ManifestEntry>();
  const renamed = pairRenames(onlyBefore, onlyAfter, taken);
  const removed = taken.size === 0 ? onlyBefore : onlyBefore.filter((entry) => !taken.has(entry));
  const added = taken.size === 0 ? onlyAfter : onlyAfter.filter((entry) => !taken.has(entry));
  for (const entry of removed) bytesRemoved += entry.size ?? 0;
  for (const entry of added) bytesAdded += entry.size ?? 0;

  return { added, removed, modified, renamed, unchanged, bytesAdded, bytesRemoved };
}

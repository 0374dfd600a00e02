import { compareCodePoints } from '../../domain/paths';
import type { ManifestEntry } from '../../domain/types';

/**
 * The folder tree of a manifest, built once (linear in the number of entries), and flattened
 * into the rows a virtual list shows for a given set of expanded folders.
 */
export type FolderNode = {
  readonly name: string;
  /** "" for the root, else "a/b" (no trailing slash). */
  readonly path: string;
  readonly folders: FolderNode[];
  /** Indices into the entries array, in path order. */
  readonly files: number[];
  readonly parent: FolderNode | null;
  size: number;
  fileCount: number;
  referenceCount: number;
};

/** `posInSet` (1-based) and `setSize` place the row among its siblings for screen readers (aria-posinset/-setsize), since a virtual list renders only some of them. */
type RowPlace = { readonly depth: number; readonly posInSet: number; readonly setSize: number };

export type TreeRow =
  | ({ readonly kind: 'folder'; readonly node: FolderNode } & RowPlace)
  | ({ readonly kind: 'file'; readonly index: number } & RowPlace);

/** Rows of a flat list (first page, filter results): entry indices at depth 0 in a set of `setSize`. */
export function flatRows(indices: readonly number[], setSize = indices.length): TreeRow[] {
  return indices.map((index, k) => ({ kind: 'file', index, depth: 0, posInSet: k + 1, setSize }));
}

function folder(name: string, path: string, parent: FolderNode | null): FolderNode {
  return { name, path, parent, folders: [], files: [], size: 0, fileCount: 0, referenceCount: 0 };
}

export function buildFileTree(entries: readonly ManifestEntry[]): FolderNode {
  const root = folder('', '', null);
  const byPath = new Map<string, FolderNode>([['', root]]);
  // Entries are path-sorted, so consecutive ones mostly share a folder: remember the last one.
  let lastPath = '';
  let last = root;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (!entry) continue;
    const slash = entry.path.lastIndexOf('/');
    const parentPath = slash < 0 ? '' : entry.path.slice(0, slash);
    if (parentPath !== lastPath) {
      last = byPath.get(parentPath) ?? ensureFolder(byPath, parentPath);
      lastPath = parentPath;
    }
    last.files.push(index);
    const size = entry.size ?? 0;
    const isRef = entry.ref !== undefined;
    for (let node: FolderNode | null = last; node; node = node.parent) {
      node.size += size;
      node.fileCount += 1;
      if (isRef) node.referenceCount += 1;
    }
  }
  for (const node of byPath.values()) node.folders.sort((a, b) => compareCodePoints(a.name, b.name));
  return root;
}

function ensureFolder(byPath: Map<string, FolderNode>, path: string): FolderNode {
  const existing = byPath.get(path);
  if (existing) return existing;
  const slash = path.lastIndexOf('/');
  const parent = ensureFolder(byPath, slash < 0 ? '' : path.slice(0, slash));
  const node = folder(path.slice(slash + 1), path, parent);
  parent.folders.push(node);
  byPath.set(path, node);
  return node;
}

/** Folders first, then files, each in code-point order; children of collapsed folders skipped. */
export function flattenTree(root: FolderNode, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (node: FolderNode, depth: number) => {
    const setSize = node.folders.length + node.files.length;
    let posInSet = 0;
    for (const child of node.folders) {
      rows.push({ kind: 'folder', node: child, depth, posInSet: ++posInSet, setSize });
      if (expanded.has(child.path)) walk(child, depth + 1);
    }
    for (const index of node.files) rows.push({ kind: 'file', index, depth, posInSet: ++posInSet, setSize });
  };
  walk(root, 0);
  return rows;
}

/** "a/b/c.txt" → ["a", "a/b"]: the folders to expand so the file is visible. */
export function ancestorFolders(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let k = 1; k < parts.length; k++) out.push(parts.slice(0, k).join('/'));
  return out;
}

/** Entries whose path contains `query` (case-insensitive), for the Files tab's filter. */
export function filterEntries(entries: readonly ManifestEntry[], query: string): number[] {
  const q = query.trim().toLowerCase();
  const out: number[] = [];
  entries.forEach((entry, index) => {
    if (entry.path.toLowerCase().includes(q)) out.push(index);
  });
  return out;
}

import type { TreeRow } from './file-tree';

/**
 * What a key does in the Files tree (WAI-ARIA APG tree view pattern), as a pure function of the
 * rows and the active row so it is tested without a DOM:
 * ↑/↓ previous/next row, Home/End first/last, PageUp/PageDown a page, → opens a closed folder or
 * moves into an open one, ← closes an open folder or moves to the parent folder, Enter/Space
 * opens a file's preview or toggles a folder.
 */
export type TreeKeyAction =
  | { readonly type: 'move'; readonly index: number }
  | { readonly type: 'toggle'; readonly index: number }
  | { readonly type: 'open'; readonly index: number };

type TreeKeyContext = {
  readonly rows: readonly TreeRow[];
  /** The active row; -1 when there is none yet (the first key picks row 0). */
  readonly active: number;
  /** Rows that fit in the viewport, for PageUp/PageDown. */
  readonly pageSize: number;
  readonly isExpanded: (folder: string) => boolean;
};

export function treeKeyAction(key: string, { rows, active, pageSize, isExpanded }: TreeKeyContext): TreeKeyAction | null {
  if (rows.length === 0) return null;
  const last = rows.length - 1;
  const clamp = (index: number) => Math.min(last, Math.max(0, index));
  const move = (index: number): TreeKeyAction => ({ type: 'move', index: clamp(index) });
  if (active < 0 || active > last) return ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'].includes(key) ? move(key === 'End' ? last : 0) : null;
  const row = rows[active];
  if (!row) return null;
  const page = Math.max(1, pageSize - 1);
  switch (key) {
    case 'ArrowDown':
      return move(active + 1);
    case 'ArrowUp':
      return move(active - 1);
    case 'Home':
      return move(0);
    case 'End':
      return move(last);
    case 'PageDown':
      return move(active + page);
    case 'PageUp':
      return move(active - page);
    case 'Enter':
    case ' ':
      return row.kind === 'folder' ? { type: 'toggle', index: active } : { type: 'open', index: active };
    case 'ArrowRight':
      if (row.kind !== 'folder') return null;
      if (!isExpanded(row.node.path)) return { type: 'toggle', index: active };
      return (rows[active + 1]?.depth ?? -1) > row.depth ? move(active + 1) : null;
    case 'ArrowLeft': {
      if (row.kind === 'folder' && isExpanded(row.node.path)) return { type: 'toggle', index: active };
      const parent = parentRow(rows, active);
      return parent < 0 ? null : move(parent);
    }
    default:
      return null;
  }
}

/** The folder row that holds row `index` (the nearest row above it one level up), or -1. */
export function parentRow(rows: readonly TreeRow[], index: number): number {
  const depth = rows[index]?.depth ?? 0;
  if (depth === 0) return -1;
  for (let k = index - 1; k >= 0; k--) {
    const row = rows[k];
    if (row && row.depth < depth) return row.kind === 'folder' ? k : -1;
  }
  return -1;
}

/**
 * Type-ahead: the first row after `from` (wrapping round) whose name starts with `query`
 * (case-insensitive), or -1. A query of one repeated letter cycles through rows starting with
 * it, as file managers do.
 */
export function typeAheadIndex(rows: readonly TreeRow[], from: number, query: string, nameOf: (row: TreeRow) => string): number {
  const q = query.toLowerCase();
  if (q === '' || rows.length === 0) return -1;
  const repeated = q.length > 1 && [...q].every((c) => c === q[0]);
  const needle = repeated ? q.slice(0, 1) : q;
  // A longer query keeps matching the active row; a new or repeated letter moves past it.
  const start = q.length > 1 && !repeated ? from : from + 1;
  for (let step = 0; step < rows.length; step++) {
    const k = (((start + step) % rows.length) + rows.length) % rows.length;
    const row = rows[k];
    if (row && nameOf(row).toLowerCase().startsWith(needle)) return k;
  }
  return -1;
}

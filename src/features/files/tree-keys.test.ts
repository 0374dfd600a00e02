import { describe, expect, it } from 'vitest';
import type { ManifestEntry } from '../../domain/types';
import { buildFileTree, flatRows, flattenTree } from './file-tree';
import type { TreeRow } from './file-tree';
import { parentRow, treeKeyAction, typeAheadIndex } from './tree-keys';

const entries: ManifestEntry[] = [
  { path: 'README.md', digest: 'd1', size: 10 },
  { path: 'images/a.png', digest: 'd2', size: 100 },
  { path: 'images/deep/b.png', digest: 'd3', size: 1000 },
  { path: 'images/deep/c.png', digest: 'd4', size: 5 },
  { path: 'readme-2.md', digest: 'd5', size: 1 },
  { path: 'z.txt', digest: 'd6', size: 1 },
];
const root = buildFileTree(entries);
const expanded = new Set(['images', 'images/deep']);
// 0 images/  1 images/deep/  2 b.png  3 c.png  4 a.png  5 README.md  6 readme-2.md  7 z.txt
const rows = flattenTree(root, expanded);
const isExpanded = (folder: string) => expanded.has(folder);
const nameOf = (row: TreeRow) => (row.kind === 'folder' ? row.node.name : (entries[row.index]?.path.split('/').pop() ?? ''));

describe('flattenTree places rows among their siblings', () => {
  it('gives level, position and set size', () => {
    expect(rows.map((r) => `${nameOf(r)} ${r.depth + 1} ${r.posInSet}/${r.setSize}`)).toEqual([
      'images 1 1/4',
      'deep 2 1/2',
      'b.png 3 1/2',
      'c.png 3 2/2',
      'a.png 2 2/2',
      'README.md 1 2/4',
      'readme-2.md 1 3/4',
      'z.txt 1 4/4',
    ]);
    expect(flatRows([4, 9], 200).map((r) => [r.posInSet, r.setSize, r.depth])).toEqual([
      [1, 200, 0],
      [2, 200, 0],
    ]);
  });
});

describe('treeKeyAction', () => {
  const at = (key: string, active: number, pageSize = 3) => treeKeyAction(key, { rows, active, pageSize, isExpanded });

  it.each([
    ['ArrowDown', 0, { type: 'move', index: 1 }],
    ['ArrowDown', 7, { type: 'move', index: 7 }],
    ['ArrowUp', 3, { type: 'move', index: 2 }],
    ['ArrowUp', 0, { type: 'move', index: 0 }],
    ['Home', 5, { type: 'move', index: 0 }],
    ['End', 1, { type: 'move', index: 7 }],
    ['PageDown', 1, { type: 'move', index: 3 }],
    ['PageDown', 6, { type: 'move', index: 7 }],
    ['PageUp', 5, { type: 'move', index: 3 }],
    ['PageUp', 1, { type: 'move', index: 0 }],
    ['Enter', 2, { type: 'open', index: 2 }],
    [' ', 5, { type: 'open', index: 5 }],
    ['Enter', 1, { type: 'toggle', index: 1 }],
    ['ArrowRight', 0, { type: 'move', index: 1 }],
    ['ArrowRight', 1, { type: 'move', index: 2 }],
    ['ArrowRight', 2, null],
    ['ArrowLeft', 1, { type: 'toggle', index: 1 }],
    ['ArrowLeft', 3, { type: 'move', index: 1 }],
    ['ArrowLeft', 4, { type: 'move', index: 0 }],
    ['ArrowLeft', 5, null],
    ['x', 0, null],
  ])('%j on row %i → %j', (key, active, action) => expect(at(key, active)).toEqual(action));

  it('opens a closed folder with → and does nothing without rows; the first key picks a row when none is active', () => {
    const closed = flattenTree(root, new Set());
    expect(treeKeyAction('ArrowRight', { rows: closed, active: 0, pageSize: 10, isExpanded: () => false })).toEqual({ type: 'toggle', index: 0 });
    expect(treeKeyAction('ArrowDown', { rows: [], active: -1, pageSize: 10, isExpanded })).toBeNull();
    expect(at('ArrowDown', -1)).toEqual({ type: 'move', index: 0 });
    expect(at('End', -1)).toEqual({ type: 'move', index: 7 });
    expect(at('Enter', -1)).toBeNull();
    // A page of one row still moves.
    expect(at('PageDown', 0, 1)).toEqual({ type: 'move', index: 1 });
  });

  it('finds the parent folder row', () => {
    expect([0, 1, 2, 3, 4, 5].map((k) => parentRow(rows, k))).toEqual([-1, 0, 1, 1, 0, -1]);
  });
});

describe('typeAheadIndex', () => {
  it.each([
    ['r', 0, 5],
    ['r', 5, 6],
    ['r', 6, 5],
    ['rr', 5, 6],
    ['readme-', 0, 6],
    ['readme', 5, 5],
    ['Z', 0, 7],
    ['q', 0, -1],
    ['', 0, -1],
  ])('%j from row %i → %i', (query, from, found) => expect(typeAheadIndex(rows, from, query, nameOf)).toBe(found));
});

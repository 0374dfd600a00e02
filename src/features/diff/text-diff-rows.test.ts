import { describe, expect, it } from 'vitest';
import { textDiff } from '../../workers/diff-job';
import { splitRows, unifiedRows } from './text-diff-rows';
import type { SplitRow, UnifiedRow } from './text-diff-rows';

const unified = (row: UnifiedRow) => (row.type === 'hunk' ? row.text : `${row.oldNo ?? '.'} ${row.newNo ?? '.'} ${row.kind} ${row.text}`);
const split = (row: SplitRow) =>
  row.type === 'hunk' ? row.text : `${row.left ? `${row.left.no}:${row.left.text}` : '-'} | ${row.right ? `${row.right.no}:${row.right.text}` : '-'}`;

describe('text diff rows', () => {
  const { hunks } = textDiff('a\nb\nc\nd\n', 'a\nB\nB2\nc\nd\n', 1);

  it('numbers both sides in the unified view', () => {
    expect(unifiedRows(hunks).map(unified)).toEqual(['@@ -1,3 +1,4 @@', '1 1 ctx a', '2 . del b', '. 2 add B', '. 3 add B2', '3 4 ctx c']);
  });

  it('pairs a removed line with its replacement side by side, padding the shorter side', () => {
    expect(splitRows(hunks).map(split)).toEqual(['@@ -1,3 +1,4 @@', '1:a | 1:a', '2:b | 2:B', '- | 3:B2', '3:c | 4:c']);
  });

  it('no hunks, no rows', () => {
    expect(unifiedRows([])).toEqual([]);
    expect(splitRows([])).toEqual([]);
  });
});

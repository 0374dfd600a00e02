/**
 * Display rows of a line diff: unified (one column, both line numbers) or side by side
 * (removed lines paired with the added lines that replace them).
 */
import type { TextHunk } from '../../workers/diff-protocol';

export type Side = { no: number; text: string; kind: 'add' | 'del' | 'ctx' } | null;
export type UnifiedRow = { type: 'hunk'; text: string } | { type: 'line'; kind: 'add' | 'del' | 'ctx'; oldNo: number | null; newNo: number | null; text: string };
export type SplitRow = { type: 'hunk'; text: string } | { type: 'pair'; left: Side; right: Side };

const header = (h: TextHunk) => `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`;

export function unifiedRows(hunks: readonly TextHunk[]): UnifiedRow[] {
  const rows: UnifiedRow[] = [];
  for (const hunk of hunks) {
    rows.push({ type: 'hunk', text: header(hunk) });
    let o = hunk.oldStart;
    let n = hunk.newStart;
    for (const line of hunk.lines) {
      const mark = line[0];
      const text = line.slice(1);
      if (mark === '+') rows.push({ type: 'line', kind: 'add', oldNo: null, newNo: n++, text });
      else if (mark === '-') rows.push({ type: 'line', kind: 'del', oldNo: o++, newNo: null, text });
      else if (mark === ' ') rows.push({ type: 'line', kind: 'ctx', oldNo: o++, newNo: n++, text });
    }
  }
  return rows;
}

export function splitRows(hunks: readonly TextHunk[]): SplitRow[] {
  const rows: SplitRow[] = [];
  for (const hunk of hunks) {
    rows.push({ type: 'hunk', text: header(hunk) });
    let o = hunk.oldStart;
    let n = hunk.newStart;
    let dels: Side[] = [];
    let adds: Side[] = [];
    const flush = () => {
      for (let i = 0; i < Math.max(dels.length, adds.length); i++) rows.push({ type: 'pair', left: dels[i] ?? null, right: adds[i] ?? null });
      dels = [];
      adds = [];
    };
    for (const line of hunk.lines) {
      const mark = line[0];
      const text = line.slice(1);
      if (mark === '-') dels.push({ no: o++, text, kind: 'del' });
      else if (mark === '+') adds.push({ no: n++, text, kind: 'add' });
      else if (mark === ' ') {
        flush();
        rows.push({ type: 'pair', left: { no: o++, text, kind: 'ctx' }, right: { no: n++, text, kind: 'ctx' } });
      }
    }
    flush();
  }
  return rows;
}

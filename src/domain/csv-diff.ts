/**
 * Row and cell diff of two CSV/TSV tables. Rows are matched by a key column when one is
 * found (a unique, non-empty `id`-like column on both sides), else aligned by content with a
 * line diff, and adjacent removed/added runs paired into modified rows (as git does).
 * Columns are matched by header name; only columns both sides have are compared cell by cell.
 */
import { diffArrays } from 'diff';

export type Delimiter = ',' | '\t' | ';';

export interface CsvColumn {
  readonly name: string;
  readonly beforeIndex: number | null;
  readonly afterIndex: number | null;
}

export interface CsvRowChange {
  readonly kind: 'added' | 'removed' | 'modified';
  /** 1-based data row number on each side (the header is row 0), null where absent. */
  readonly beforeRow: number | null;
  readonly afterRow: number | null;
  readonly before: readonly string[] | null;
  readonly after: readonly string[] | null;
  /** Indices into `columns` of the cells that differ (modified rows only). */
  readonly changedColumns: readonly number[];
}

export interface CsvDiff {
  readonly delimiter: Delimiter;
  readonly columns: readonly CsvColumn[];
  readonly columnsAdded: readonly string[];
  readonly columnsRemoved: readonly string[];
  /** The column rows were matched by, null when aligned by position/content. */
  readonly key: string | null;
  /** Changed rows only, in the order of the newer table (removed rows at their old place). */
  readonly rows: readonly CsvRowChange[];
  readonly counts: { readonly added: number; readonly removed: number; readonly modified: number; readonly unchanged: number };
  readonly changedCells: number;
  /** Data rows per side (after the cap). */
  readonly beforeRows: number;
  readonly afterRows: number;
  /** True when a side had more than `maxRows` rows and only the first `maxRows` were compared. */
  readonly truncated: boolean;
}

export interface CsvDiffOptions {
  readonly delimiter?: Delimiter;
  /** A header name to match rows by; null forces content alignment; undefined detects one. */
  readonly key?: string | null;
  /** Data rows compared per side (default 200 000). */
  readonly maxRows?: number;
}

/** Tab for .tsv/.tab files, else whichever of , ; tab occurs most in the first line. */
export function detectDelimiter(path: string, text: string): Delimiter {
  if (/\.(tsv|tab)$/i.test(path)) return '\t';
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  const count = (c: string) => first.split(c).length - 1;
  const candidates: Delimiter[] = [',', '\t', ';'];
  let best: Delimiter = ',';
  for (const c of candidates) if (count(c) > count(best)) best = c;
  return best;
}

/** RFC 4180 parsing: quoted fields with "" escapes and embedded newlines; CRLF or LF; no trailing empty row. */
export function parseDelimited(text: string, delimiter: Delimiter, maxRows = Infinity): { rows: string[][]; truncated: boolean } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  i = start;
  let atFieldStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (atFieldStart && c === 34 /* " */) {
      // quoted field
      i += 1;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      atFieldStart = false;
      continue;
    }
    if (c === d) {
      row.push(field);
      field = '';
      atFieldStart = true;
      i += 1;
    } else if (c === 10 || c === 13) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atFieldStart = true;
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      // the header plus maxRows data rows
      if (rows.length > maxRows) return { rows, truncated: i < n };
    } else {
      // unquoted run up to the next delimiter or line end
      let j = i + 1;
      while (j < n) {
        const cj = text.charCodeAt(j);
        if (cj === d || cj === 10 || cj === 13) break;
        j += 1;
      }
      field += text.slice(i, j);
      atFieldStart = false;
      i = j;
    }
  }
  if (!atFieldStart || field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { rows, truncated: false };
}

const KEY_NAME = /^(id|key|uuid|guid|.*[_ -]id|.*Id)$/;

function uniqueColumn(rows: readonly string[][], index: number): boolean {
  const seen = new Set<string>();
  for (const row of rows) {
    const value = row[index];
    if (value === undefined || value === '' || seen.has(value)) return false;
    seen.add(value);
  }
  return true;
}

function findKey(columns: readonly CsvColumn[], before: readonly string[][], after: readonly string[][]): CsvColumn | null {
  for (const column of columns) {
    if (column.beforeIndex === null || column.afterIndex === null || !KEY_NAME.test(column.name)) continue;
    if (uniqueColumn(before, column.beforeIndex) && uniqueColumn(after, column.afterIndex)) return column;
  }
  return null;
}

function alignColumns(before: readonly string[], after: readonly string[]): CsvColumn[] {
  const afterIndex = new Map<string, number>();
  after.forEach((name, i) => {
    if (!afterIndex.has(name)) afterIndex.set(name, i);
  });
  const beforeNames = new Set(before);
  const columns: CsvColumn[] = before.map((name, i) => ({ name, beforeIndex: i, afterIndex: afterIndex.get(name) ?? null }));
  after.forEach((name, i) => {
    if (!beforeNames.has(name)) columns.push({ name, beforeIndex: null, afterIndex: i });
  });
  return columns;
}

function changedColumnsOf(columns: readonly CsvColumn[], a: readonly string[], b: readonly string[]): number[] {
  const changed: number[] = [];
  columns.forEach((column, i) => {
    if (column.beforeIndex === null || column.afterIndex === null) return;
    if ((a[column.beforeIndex] ?? '') !== (b[column.afterIndex] ?? '')) changed.push(i);
  });
  return changed;
}

/** Compares two delimited tables; the first row of each is its header. */
export function diffCsv(beforeText: string, afterText: string, options: CsvDiffOptions = {}): CsvDiff {
  const delimiter = options.delimiter ?? detectDelimiter('', beforeText || afterText);
  const maxRows = options.maxRows ?? 200_000;
  const parsedBefore = parseDelimited(beforeText, delimiter, maxRows);
  const parsedAfter = parseDelimited(afterText, delimiter, maxRows);
  const headerBefore = parsedBefore.rows[0] ?? [];
  const headerAfter = parsedAfter.rows[0] ?? [];
  const before = parsedBefore.rows.slice(1, maxRows + 1);
  const after = parsedAfter.rows.slice(1, maxRows + 1);
  const truncated = parsedBefore.truncated || parsedAfter.truncated || parsedBefore.rows.length > maxRows + 1 || parsedAfter.rows.length > maxRows + 1;

  const columns = alignColumns(headerBefore, headerAfter);
  const columnsAdded = columns.filter((c) => c.beforeIndex === null).map((c) => c.name);
  const columnsRemoved = columns.filter((c) => c.afterIndex === null).map((c) => c.name);

  let key: CsvColumn | null = null;
  if (options.key === undefined) key = findKey(columns, before, after);
  else if (options.key !== null) {
    const named = columns.find((c) => c.name === options.key && c.beforeIndex !== null && c.afterIndex !== null);
    if (named && uniqueColumn(before, named.beforeIndex ?? 0) && uniqueColumn(after, named.afterIndex ?? 0)) key = named;
  }

  const rows: CsvRowChange[] = [];
  let unchanged = 0;
  let changedCells = 0;
  const modifiedRow = (bi: number, ai: number): void => {
    const a = before[bi] as string[];
    const b = after[ai] as string[];
    const changed = changedColumnsOf(columns, a, b);
    if (changed.length === 0) {
      unchanged += 1;
      return;
    }
    changedCells += changed.length;
    rows.push({ kind: 'modified', beforeRow: bi + 1, afterRow: ai + 1, before: a, after: b, changedColumns: changed });
  };
  const removedRow = (bi: number): void => {
    rows.push({ kind: 'removed', beforeRow: bi + 1, afterRow: null, before: before[bi] as string[], after: null, changedColumns: [] });
  };
  const addedRow = (ai: number): void => {
    rows.push({ kind: 'added', beforeRow: null, afterRow: ai + 1, before: null, after: after[ai] as string[], changedColumns: [] });
  };

  if (key !== null) {
    const bk = key.beforeIndex as number;
    const ak = key.afterIndex as number;
    const beforeByKey = new Map<string, number>();
    before.forEach((row, i) => beforeByKey.set(row[bk] ?? '', i));
    const afterKeys = new Set(after.map((row) => row[ak] ?? ''));
    // Removed rows are listed just before the first row that followed them in the old table.
    let nextBefore = 0;
    const flushRemovedUpTo = (limit: number): void => {
      for (; nextBefore < limit; nextBefore++) {
        if (!afterKeys.has(before[nextBefore]?.[bk] ?? '')) removedRow(nextBefore);
      }
    };
    after.forEach((row, ai) => {
      const bi = beforeByKey.get(row[ak] ?? '');
      if (bi === undefined) return addedRow(ai);
      if (bi >= nextBefore) flushRemovedUpTo(bi + 1);
      modifiedRow(bi, ai);
    });
    flushRemovedUpTo(before.length);
  } else {
    const join = (row: readonly string[]) => row.join('\u0000');
    const changes = diffArrays(before.map(join), after.map(join));
    let bi = 0;
    let ai = 0;
    for (let c = 0; c < changes.length; c++) {
      const change = changes[c];
      if (change === undefined) continue;
      const count = change.count;
      if (!change.added && !change.removed) {
        unchanged += count;
        bi += count;
        ai += count;
        continue;
      }
      if (change.removed) {
        const nextChange = changes[c + 1];
        const addedCount = nextChange?.added ? nextChange.count : 0;
        const paired = Math.min(count, addedCount);
        for (let k = 0; k < paired; k++) modifiedRow(bi + k, ai + k);
        for (let k = paired; k < count; k++) removedRow(bi + k);
        for (let k = paired; k < addedCount; k++) addedRow(ai + k);
        bi += count;
        ai += addedCount;
        if (addedCount > 0) c += 1;
        continue;
      }
      for (let k = 0; k < count; k++) addedRow(ai + k);
      ai += count;
    }
  }

  const counts = { added: 0, removed: 0, modified: 0, unchanged };
  for (const row of rows) counts[row.kind] += 1;
  return {
    delimiter,
    columns,
    columnsAdded,
    columnsRemoved,
    key: key?.name ?? null,
    rows,
    counts,
    changedCells,
    beforeRows: before.length,
    afterRows: after.length,
    truncated,
  };
}

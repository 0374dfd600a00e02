import { describe, expect, it } from 'vitest';
import { detectDelimiter, diffCsv, parseDelimited } from './csv-diff';
import type { CsvDiff, Delimiter } from './csv-diff';

/** A diff as readable lines: "~ r2→2 plan: basic→pro", "+ →4 [5,e]", "- 3→ [3,c]". */
function lines(diff: CsvDiff): string[] {
  return diff.rows.map((row) => {
    const at = `${row.beforeRow ?? ''}→${row.afterRow ?? ''}`;
    if (row.kind === 'added') return `+ ${at} [${row.after?.join(',')}]`;
    if (row.kind === 'removed') return `- ${at} [${row.before?.join(',')}]`;
    const cells = row.changedColumns.map((i) => {
      const column = diff.columns[i];
      if (!column) return '?';
      return `${column.name}: ${row.before?.[column.beforeIndex ?? -1]}→${row.after?.[column.afterIndex ?? -1]}`;
    });
    return `~ ${at} ${cells.join('; ')}`;
  });
}

describe('parseDelimited', () => {
  it.each<[string, string, Delimiter, string[][]]>([
    ['simple', 'a,b\n1,2\n', ',', [['a', 'b'], ['1', '2']]],
    ['no trailing newline', 'a,b\n1,2', ',', [['a', 'b'], ['1', '2']]],
    ['CRLF', 'a,b\r\n1,2\r\n', ',', [['a', 'b'], ['1', '2']]],
    ['quoted delimiter and newline', 'a,b\n"x,y","line1\nline2"\n', ',', [['a', 'b'], ['x,y', 'line1\nline2']]],
    ['escaped quotes', 'a\n"say ""hi"""\n', ',', [['a'], ['say "hi"']]],
    ['empty fields', 'a,b,c\n,,\n', ',', [['a', 'b', 'c'], ['', '', '']]],
    ['tabs', 'a\tb\n1\t2\n', '\t', [['a', 'b'], ['1', '2']]],
    ['BOM is dropped', '\uFEFFa,b\n1,2\n', ',', [['a', 'b'], ['1', '2']]],
    ['empty text', '', ',', []],
  ])('%s', (_name, text, delimiter, expected) => {
    expect(parseDelimited(text, delimiter).rows).toEqual(expected);
  });

  it('stops after maxRows data rows and says it did', () => {
    const result = parseDelimited('h\n1\n2\n3\n', ',', 2);
    expect(result.rows).toEqual([['h'], ['1'], ['2']]);
    expect(result.truncated).toBe(true);
  });
});

describe('detectDelimiter', () => {
  it.each<[string, string, Delimiter]>([
    ['data.tsv', 'a,b\n', '\t'],
    ['data.csv', 'a,b,c\n', ','],
    ['data.txt', 'a\tb\tc\n', '\t'],
    ['data.csv', 'a;b;c\n1,5;2;3', ';'],
  ])('%s %j → %j', (path, text, expected) => {
    expect(detectDelimiter(path, text)).toBe(expected);
  });
});

describe('diffCsv', () => {
  it.each<[string, string, string, string | null, string[], Record<string, number>]>([
    ['identical', 'id,x\n1,a\n2,b\n', 'id,x\n1,a\n2,b\n', 'id', [], { added: 0, removed: 0, modified: 0, unchanged: 2 }],
    [
      'keyed: a changed cell, an added and a removed row',
      'id,plan,churned\n1,basic,0\n2,pro,1\n3,pro,0\n',
      'id,plan,churned\n1,basic,1\n2,pro,1\n4,free,0\n',
      'id',
      ['~ 1→1 churned: 0→1', '+ →3 [4,free,0]', '- 3→ [3,pro,0]'],
      { added: 1, removed: 1, modified: 1, unchanged: 1 },
    ],
    [
      'keyed: reordered rows are not changes',
      'id,x\n1,a\n2,b\n3,c\n',
      'id,x\n3,c\n1,a\n2,b\n',
      'id',
      [],
      { added: 0, removed: 0, modified: 0, unchanged: 3 },
    ],
    [
      'keyed: removed rows sit where they were',
      'customer_id,x\n1,a\n2,b\n3,c\n',
      'customer_id,x\n1,a\n3,c\n',
      'customer_id',
      ['- 2→ [2,b]'],
      { added: 0, removed: 1, modified: 0, unchanged: 2 },
    ],
    [
      'no key: aligned by content, a replaced line is a modified row',
      'name,x\na,1\nb,2\nc,3\n',
      'name,x\na,1\nb,9\nc,3\nd,4\n',
      null,
      ['~ 2→2 x: 2→9', '+ →4 [d,4]'],
      { added: 1, removed: 0, modified: 1, unchanged: 2 },
    ],
    [
      'no key: an inserted row does not shift the rest into modified',
      'name,x\na,1\nb,2\nc,3\n',
      'name,x\nnew,0\na,1\nb,2\nc,3\n',
      null,
      ['+ →1 [new,0]'],
      { added: 1, removed: 0, modified: 0, unchanged: 3 },
    ],
    [
      'duplicate ids fall back to content alignment',
      'id,x\n1,a\n1,b\n',
      'id,x\n1,a\n1,c\n',
      null,
      ['~ 2→2 x: b→c'],
      { added: 0, removed: 0, modified: 1, unchanged: 1 },
    ],
    [
      'columns matched by name: an added column alone changes no row',
      'id,x\n1,a\n',
      'id,y,x\n1,new,a\n',
      'id',
      [],
      { added: 0, removed: 0, modified: 0, unchanged: 1 },
    ],
  ])('%s', (_name, before, after, key, expected, counts) => {
    const diff = diffCsv(before, after);
    expect(diff.key).toBe(key);
    expect(lines(diff)).toEqual(expected);
    expect(diff.counts).toEqual(counts);
  });

  it('reports added and removed columns', () => {
    const diff = diffCsv('id,x,old\n1,a,z\n', 'id,x,y\n1,a,b\n');
    expect(diff.columnsAdded).toEqual(['y']);
    expect(diff.columnsRemoved).toEqual(['old']);
    expect(diff.columns.map((c) => c.name)).toEqual(['id', 'x', 'old', 'y']);
  });

  it('honours an explicit key and an explicit "no key"', () => {
    const before = 'id,x\n1,a\n2,b\n';
    const after = 'id,x\n2,b\n1,a\n';
    expect(diffCsv(before, after, { key: 'id' }).counts.unchanged).toBe(2);
    const unkeyed = diffCsv(before, after, { key: null });
    expect(unkeyed.key).toBeNull();
    expect(unkeyed.counts.unchanged).toBe(1);
  });

  it('caps the rows compared and says so', () => {
    const diff = diffCsv('id\n1\n2\n3\n', 'id\n1\n2\n4\n', { maxRows: 2 });
    expect(diff.truncated).toBe(true);
    expect(diff.beforeRows).toBe(2);
    expect(diff.counts.unchanged).toBe(2);
  });

  it('diffs two 100 000-row tables by key (runs in the diff worker; generous bound for a shared CI core)', () => {
    const make = (flip: number) =>
      `id,a,b\n${Array.from({ length: 100_000 }, (_, i) => `${i},${i * 2},${i % flip === 0 ? 'x' : 'y'}`).join('\n')}\n`;
    const before = make(1_000_000);
    const after = make(1000);
    const start = performance.now();
    const diff = diffCsv(before, after);
    const elapsed = performance.now() - start;
    expect(diff.counts.modified).toBe(99);
    expect(diff.changedCells).toBe(99);
    expect(elapsed).toBeLessThan(5000);
  });
});

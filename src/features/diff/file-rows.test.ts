import { describe, expect, it } from 'vitest';
import { diffManifests } from '../../domain/diff';
import type { ManifestEntry } from '../../domain/types';
import { fakeDigest, makeManifest } from '../../test/builders';
import { buildFileRows, contentKindOf, filterFileRows } from './file-rows';
import type { ContentKind } from './file-rows';

const file = (path: string, content: string, size = content.length): ManifestEntry => ({ path, digest: fakeDigest(content), size });

describe('buildFileRows', () => {
  const a = [file('keep', 'k'), file('edit', 'old', 10), file('gone', 'g'), file('old-name', 'moved')];
  const b = [file('keep', 'k'), file('edit', 'new', 25), file('new', 'n'), file('new-name', 'moved')];
  const diff = diffManifests(a, b);

  it('lists changed files by path with status and size delta', () => {
    expect(buildFileRows(diff).map((r) => [r.status, r.path, r.fromPath, r.sizeDelta])).toEqual([
      ['modified', 'edit', null, 15],
      ['removed', 'gone', null, -1],
      ['added', 'new', null, 1],
      ['renamed', 'new-name', 'old-name', 0],
    ]);
  });

  it('adds unchanged files when given the newer manifest', () => {
    const rows = buildFileRows(diff, b);
    expect(rows.map((r) => `${r.status}:${r.path}`)).toEqual(['modified:edit', 'removed:gone', 'unchanged:keep', 'added:new', 'renamed:new-name']);
  });

  it('builds 100k rows fast enough for the UI', () => {
    const base = makeManifest(100_000, 3);
    const next = base.map((entry, i) => (i % 100 === 0 ? { ...entry, digest: fakeDigest(`x${i}`) } : entry));
    const d = diffManifests(base, next);
    const start = performance.now();
    const changed = buildFileRows(d);
    const all = buildFileRows(d, next);
    const elapsed = performance.now() - start;
    console.info(`buildFileRows 100k: ${elapsed.toFixed(0)} ms`);
    expect(changed).toHaveLength(1000);
    expect(all).toHaveLength(100_000);
    expect(elapsed).toBeLessThan(1500);
  });
});

describe('filterFileRows', () => {
  const rows = buildFileRows(diffManifests([file('Data/A.csv', '1'), file('x', 'moved')], [file('Data/A.csv', '2'), file('img/y', 'moved')]));
  it.each<[string, string[]]>([
    ['', ['Data/A.csv', 'img/y']],
    ['a.csv', ['Data/A.csv']],
    ['  DATA ', ['Data/A.csv']],
    ['x', ['img/y']], // matches the former path of a rename
    ['zzz', []],
  ])('%j', (query, expected) => {
    expect(filterFileRows(rows, query).map((r) => r.path)).toEqual(expected);
  });
});

describe('contentKindOf', () => {
  it.each<[string, ContentKind]>([
    ['images/a.PNG', 'image'],
    ['x.jpeg', 'image'],
    ['train.csv', 'csv'],
    ['t.tsv', 'csv'],
    ['metrics.json', 'json'],
    ['README.md', 'text'],
    ['model.bin', 'text'],
    ['Makefile', 'text'],
    ['dir.png/file', 'text'],
  ])('%s → %s', (path, kind) => {
    expect(contentKindOf(path)).toBe(kind);
  });
});

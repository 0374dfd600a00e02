import { describe, expect, it } from 'vitest';
import type { ManifestEntry } from '../../domain/types';
import { checkFolder, stripTopFolder } from './folder-check';
import type { LocalFile } from './folder-check';

const entry = (path: string, digest: string, ref?: string): ManifestEntry => ({ path, digest, size: 1, ...(ref ? { ref } : {}) });
const local = (path: string, digest: string): LocalFile => ({ path, digest, size: 1 });

describe('checkFolder', () => {
  it('sorts files into match, differ, missing and extra (problems first)', () => {
    const result = checkFolder(
      [entry('a', 'A'), entry('b', 'B'), entry('c', 'C'), entry('ref', 'etag', 's3://bucket/ref')],
      [local('a', 'A'), local('b', 'other'), local('z', 'Z')],
    );
    expect(result.rows.map((r) => `${r.status}:${r.path}`)).toEqual(['differ:b', 'missing:c', 'extra:z', 'match:a']);
    expect(result.counts).toEqual({ match: 1, differ: 1, missing: 1, extra: 1 });
    expect(result.skippedReferences).toBe(1);
  });

  it('an empty folder misses everything; an empty manifest makes everything extra', () => {
    expect(checkFolder([entry('a', 'A')], []).counts).toEqual({ match: 0, differ: 0, missing: 1, extra: 0 });
    expect(checkFolder([], [local('a', 'A')]).counts).toEqual({ match: 0, differ: 0, missing: 0, extra: 1 });
  });

  it('a local file at a reference path is not extra', () => {
    expect(checkFolder([entry('r', 'e', 's3://b/r')], [local('r', 'x')]).rows).toEqual([]);
  });
});

describe('stripTopFolder', () => {
  it.each<[string, string[], string[], string[]]>([
    ['drops the chosen folder name', ['model/a.txt', 'model/b/c.txt'], ['a.txt', 'b/c.txt'], ['a.txt', 'b/c.txt']],
    ['keeps it when the manifest uses it', ['model/a.txt'], ['model/a.txt'], ['model/a.txt']],
    ['keeps paths without a shared first folder', ['a.txt', 'b/c.txt'], ['a.txt'], ['a.txt', 'b/c.txt']],
    ['empty', [], [], []],
  ])('%s', (_name, paths, manifest, expected) => {
    expect(stripTopFolder(paths, new Set(manifest))).toEqual(expected);
  });
});

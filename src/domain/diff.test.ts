import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeDigest, makeManifest, seededRandom } from '../test/builders';
import { diffManifests, type ManifestDiff } from './diff';
import { sortByCodePoint } from './paths';
import type { ManifestEntry } from './types';

/** An entry whose digest is named by `content`, so equal contents mean equal digests. */
function file(path: string, content: string, size = content.length): ManifestEntry {
  return { path, digest: fakeDigest(`content:${content}`), size };
}

function sorted(entries: ManifestEntry[]): ManifestEntry[] {
  return sortByCodePoint([...entries], (entry) => entry.path);
}

/** A readable summary of a diff: paths only. */
function summary(diff: ManifestDiff): Record<string, unknown> {
  return {
    added: diff.added.map((entry) => entry.path),
    removed: diff.removed.map((entry) => entry.path),
    modified: diff.modified.map((change) => change.path),
    renamed: diff.renamed.map((rename) => `${rename.from.path} -> ${rename.to.path}`),
    unchanged: diff.unchanged,
  };
}

describe('diffManifests', () => {
  it.each<[string, ManifestEntry[], ManifestEntry[], Record<string, unknown>]>([
    ['two empty manifests', [], [], { added: [], removed: [], modified: [], renamed: [], unchanged: 0 }],
    [
      'everything added to an empty manifest',
      [],
      [file('a', '1'), file('b', '2')],
      { added: ['a', 'b'], removed: [], modified: [], renamed: [], unchanged: 0 },
    ],
    [
      'everything removed',
      [file('a', '1'), file('b', '2')],
      [],
      { added: [], removed: ['a', 'b'], modified: [], renamed: [], unchanged: 0 },
    ],
    [
      'identical manifests',
      [file('a', '1'), file('b/c', '2')],
      [file('a', '1'), file('b/c', '2')],
      { added: [], removed: [], modified: [], renamed: [], unchanged: 2 },
    ],
    [
      'one of each kind',
      [file('keep', 'k'), file('edit', 'old'), file('gone', 'g'), file('old-name', 'moved')],
      [file('keep', 'k'), file('edit', 'new'), file('new', 'n'), file('new-name', 'moved')],
      { added: ['new'], removed: ['gone'], modified: ['edit'], renamed: ['old-name -> new-name'], unchanged: 1 },
    ],
    [
      // "a" < "a-b" < "a.txt" < "a/x" < "a0" in code-point order: the merge must not lose its place.
      'a file replaced by a folder of the same name',
      [file('a', 'file'), file('a-b', '1'), file('a.txt', '2'), file('a0', '3')],
      [file('a-b', '1'), file('a.txt', '2'), file('a/x', 'x'), file('a/y', 'y'), file('a0', '3')],
      { added: ['a/x', 'a/y'], removed: ['a'], modified: [], renamed: [], unchanged: 3 },
    ],
    [
      'a folder replaced by a file of the same name, content moved into it',
      [file('d/one', 'same'), file('d/two', '2')],
      [file('d', 'same')],
      { added: [], removed: ['d/two'], modified: [], renamed: ['d/one -> d'], unchanged: 0 },
    ],
    [
      'unicode paths in code-point order',
      sorted([file('\u{1F600}.txt', 'e'), file('\uFF5E.txt', 'f'), file('caf\u00e9', 'nfc'), file('z', 'z')]),
      sorted([file('\u{1F600}.txt', 'e2'), file('\uFF5E.txt', 'f'), file('cafe\u0301', 'nfc'), file('z', 'z')]),
      // NFC and NFD spellings are different paths (no Unicode normalisation): a rename.
      { added: [], removed: [], modified: ['\u{1F600}.txt'], renamed: ['caf\u00e9 -> cafe\u0301'], unchanged: 2 },
    ],
    [
      'the same digest at several paths pairs one-to-one, in path order',
      [file('a1', 'dup'), file('a2', 'dup'), file('a3', 'dup')],
      [file('b1', 'dup'), file('b2', 'dup')],
      { added: [], removed: ['a3'], modified: [], renamed: ['a1 -> b1', 'a2 -> b2'], unchanged: 0 },
    ],
    [
      'a copy next to the original is an addition, not a rename',
      [file('orig', 'dup')],
      [file('copy', 'dup'), file('orig', 'dup')],
      { added: ['copy'], removed: [], modified: [], renamed: [], unchanged: 1 },
    ],
    [
      'a move between folders keeps its file name when contents are identical',
      [file('old/x.txt', 'empty', 0), file('old/y.txt', 'empty', 0)],
      [file('new/y.txt', 'empty', 0), file('other/x.txt', 'empty', 0)],
      { added: [], removed: [], modified: [], renamed: ['old/y.txt -> new/y.txt', 'old/x.txt -> other/x.txt'], unchanged: 0 },
    ],
  ])('%s', (_label, base, next, expected) => {
    expect(summary(diffManifests(base, next))).toEqual(expected);
  });

  it('reports before/after entries and byte counts', () => {
    const base = [file('edit', 'old', 100), file('gone', 'g', 30), file('moved', 'm', 7)];
    const next = [file('edit', 'new', 120), file('moved-to', 'm', 7), file('new', 'n', 5)];
    const diff = diffManifests(base, next);
    expect(diff.modified).toEqual([{ path: 'edit', before: base[0], after: next[0] }]);
    expect(diff.renamed).toEqual([{ from: base[2], to: next[1] }]);
    expect(diff.bytesAdded).toBe(120 + 5);
    expect(diff.bytesRemoved).toBe(100 + 30);
  });

  it('treats a reference pointing elsewhere as modified even with the same digest', () => {
    const base: ManifestEntry[] = [{ path: 'r', digest: 'etag', ref: 's3://a/r' }];
    const next: ManifestEntry[] = [{ path: 'r', digest: 'etag', ref: 's3://b/r' }];
    expect(summary(diffManifests(base, next))).toMatchObject({ modified: ['r'], unchanged: 0 });
    // and the same ETag at another URI is no rename
    expect(summary(diffManifests(base, [{ path: 's', digest: 'etag', ref: 's3://b/r' }]))).toMatchObject({
      added: ['s'],
      removed: ['r'],
      renamed: [],
    });
  });

  it('returns results in code-point order even for input in UTF-16 order', () => {
    // UTF-16 order puts U+1F600 (D83D DE00) before U+FF5E; code-point order the other way round.
    const base = [file('\u{1F600}/gone', 'g'), file('\uFF5E/gone', 'h')];
    const next = [file('\u{1F600}/new', 'n'), file('\uFF5E/new', 'm')];
    expect(summary(diffManifests(base, next))).toEqual({
      added: ['\uFF5E/new', '\u{1F600}/new'],
      removed: ['\uFF5E/gone', '\u{1F600}/gone'],
      modified: [],
      renamed: [],
      unchanged: 0,
    });
    const edited = diffManifests([file('\u{1F600}', '1'), file('\uFF5E', '2')], [file('\u{1F600}', '3'), file('\uFF5E', '4')]);
    expect(edited.modified.map((change) => change.path)).toEqual(['\uFF5E', '\u{1F600}']);
  });

  it('sorts unsorted input itself', () => {
    const base = [file('b', '2'), file('a', '1')];
    const next = [file('c', '3'), file('a', '1')];
    expect(summary(diffManifests(base, next))).toEqual({ added: ['c'], removed: ['b'], modified: [], renamed: [], unchanged: 1 });
  });

  it('accounts for every entry exactly once (property)', () => {
    const manifest = fc
      .uniqueArray(fc.record({ path: fc.stringMatching(/^[a-c]{1,3}(\/[a-c]{1,2})?$/), content: fc.constantFrom('x', 'y', 'z', 'w') }), {
        selector: (entry) => entry.path,
        maxLength: 15,
      })
      .map((entries) => sorted(entries.map((entry) => file(entry.path, entry.content, 1))));
    fc.assert(
      fc.property(manifest, manifest, (base, next) => {
        const diff = diffManifests(base, next);
        expect(diff.unchanged + diff.modified.length + diff.removed.length + diff.renamed.length).toBe(base.length);
        expect(diff.unchanged + diff.modified.length + diff.added.length + diff.renamed.length).toBe(next.length);
        for (const { from, to } of diff.renamed) expect(from.digest).toBe(to.digest);
        // A rename pairs paths that exist on one side only.
        const basePaths = new Set(base.map((entry) => entry.path));
        const nextPaths = new Set(next.map((entry) => entry.path));
        for (const { from, to } of diff.renamed) {
          expect(nextPaths.has(from.path)).toBe(false);
          expect(basePaths.has(to.path)).toBe(false);
        }
        // Deterministic: the same inputs give the same answer.
        expect(diffManifests(base, next)).toEqual(diff);
        // The reverse diff swaps additions and removals.
        const reverse = diffManifests(next, base);
        expect(reverse.added.length).toBe(diff.removed.length);
        expect(reverse.renamed.length).toBe(diff.renamed.length);
        const total = (entries: ManifestEntry[]): number => entries.reduce((sum, entry) => sum + (entry.size ?? 0), 0);
        expect(diff.bytesAdded - diff.bytesRemoved).toBe(total(next) - total(base));
      }),
      { numRuns: 500 },
    );
  });

  it('diffs two 100k-entry manifests with 1 % changed quickly (target ≤ 50 ms; generous bound asserted)', () => {
    const base = makeManifest(100_000, 11);
    const random = seededRandom(12);
    const next: ManifestEntry[] = [];
    let changed = 0;
    for (const entry of base) {
      const roll = random();
      if (roll < 0.0025) {
        changed += 1; // removed
      } else if (roll < 0.005) {
        changed += 1;
        next.push({ ...entry, digest: fakeDigest(`edited:${entry.path}`) });
      } else if (roll < 0.0075) {
        changed += 1;
        next.push(entry, { path: `${entry.path}.new`, digest: fakeDigest(`new:${entry.path}`), size: 10 });
      } else if (roll < 0.01) {
        changed += 1;
        next.push({ ...entry, path: `${entry.path}.renamed` });
      } else {
        next.push(entry);
      }
    }
    diffManifests(base.slice(0, 5000), next.slice(0, 5000)); // warm up the JIT
    let best = Infinity;
    let diff: ManifestDiff | undefined;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      diff = diffManifests(base, next);
      best = Math.min(best, performance.now() - started);
    }
    console.info(`diffManifests 2×100k, ${changed} changed: ${best.toFixed(1)} ms (best of 5)`);
    expect(diff).toBeDefined();
    if (diff === undefined) return;
    expect(diff.removed.length + diff.modified.length + diff.added.length + diff.renamed.length).toBe(changed);
    expect(diff.renamed.every(({ from, to }) => to.path === `${from.path}.renamed`)).toBe(true);
    expect(best).toBeLessThan(500);
  });
});

import { describe, expect, it } from 'vitest';
import { normaliseEntries } from '../domain/manifest';
import { isSortedByCodePoint } from '../domain/paths';
import { fakeDigest, makeArtifact, makeEntry, makeManifest, makeRun, makeVersion, seededRandom } from './builders';

describe('builders', () => {
  it('makeManifest is deterministic, sorted by code point and valid', () => {
    const manifest = makeManifest(2500, 4);
    expect(makeManifest(2500, 4)).toEqual(manifest);
    expect(makeManifest(2500, 5)).not.toEqual(manifest);
    expect(isSortedByCodePoint(manifest, (entry) => entry.path)).toBe(true);
    expect(normaliseEntries(manifest)).toEqual(manifest);
    expect(new Set(manifest.map((entry) => entry.path)).size).toBe(2500);
  });

  it('keeps folders in order past 1,000 of them', () => {
    const manifest = makeManifest(1500, 1, { perFolder: 1 });
    expect(manifest[1499]?.path).toBe('dir-1499/file-001499.bin');
    expect(isSortedByCodePoint(manifest, (entry) => entry.path)).toBe(true);
  });

  it('fakeDigest gives valid, stable, distinct digests', () => {
    expect(fakeDigest('a')).toBe(fakeDigest('a'));
    expect(fakeDigest('a')).not.toBe(fakeDigest('b'));
    expect(fakeDigest(1)).toMatch(/^[A-Za-z0-9+/]{21}[AQgw]==$/);
  });

  it('seededRandom repeats for the same seed and stays in [0, 1)', () => {
    const a = seededRandom(9);
    const b = seededRandom(9);
    for (let i = 0; i < 1000; i++) {
      const value = a();
      expect(value).toBe(b());
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('entity builders take overrides and keep ids consistent', () => {
    expect(makeEntry({ path: 'x.csv', size: 3 })).toEqual({ path: 'x.csv', digest: fakeDigest('x.csv'), size: 3 });
    expect(makeArtifact({ project: 'p', name: 'n' }).id).toBe('p/n');
    const version = makeVersion({ project: 'p', artifactName: 'n', index: 4, aliases: ['best'] });
    expect(version.id).toBe('p/n:v4');
    expect(version.artifactId).toBe('p/n');
    expect(version.aliases).toEqual(['best']);
    expect(makeRun({ name: 'eval' }).name).toBe('eval');
  });
});

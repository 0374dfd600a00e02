import { describe, expect, it } from 'vitest';
import { makeVersion } from '../test/builders';
import type { ManifestEntry, RunId } from './types';
import { aliasesToAdd, blobDigestsOfEntries, orderArtifactsForSync, planArtifactSync, planBlobBatches } from './sync-plan';

const d = (n: number) => n.toString(16).padStart(32, '0');

describe('planArtifactSync', () => {
  it('copies every version of an empty target oldest first, with aliases (not latest) and runs once each', () => {
    const source = [
      makeVersion({ index: 1, digest: d(1), size: 20, aliases: ['latest', 'candidate'], producedBy: 'r2' as RunId }),
      makeVersion({ index: 0, digest: d(0), size: 10, aliases: ['production'], producedBy: 'r1' as RunId }),
      makeVersion({ index: 2, digest: d(2), size: 5, producedBy: 'r1' as RunId }),
    ];
    const plan = planArtifactSync(source, []);
    expect(plan.steps.map((s) => [s.source.index, s.action, s.aliases])).toEqual([
      [0, 'copy', ['production']],
      [1, 'copy', ['candidate']],
      [2, 'copy', []],
    ]);
    expect(plan.copyCount).toBe(3);
    expect(plan.skipCount).toBe(0);
    expect(plan.runIds).toEqual(['r1', 'r2']);
    expect(plan.bytesToCopy).toBe(35);
  });

  it('skips versions whose digest the target already has, whatever their index there', () => {
    const source = [makeVersion({ index: 0, digest: d(0), aliases: ['production'] }), makeVersion({ index: 1, digest: d(1), size: 7, producedBy: 'r' as RunId })];
    const existing = makeVersion({ index: 4, digest: d(0), aliases: ['latest'] });
    const plan = planArtifactSync(source, [existing]);
    expect(plan.steps.map((s) => s.action)).toEqual(['skip', 'copy']);
    expect(plan.steps[0]?.existing).toBe(existing);
    expect(plan.steps[1]?.existing).toBeNull();
    expect(plan.runIds).toEqual(['r']);
    expect(plan.bytesToCopy).toBe(7);
    expect(plan.skipCount).toBe(1);
  });

  it('a skipped step adds only the aliases the target version lacks', () => {
    const plan = planArtifactSync(
      [makeVersion({ index: 0, digest: d(0), aliases: ['a', 'b', 'latest'] })],
      [makeVersion({ index: 0, digest: d(0), aliases: ['b', 'latest'] })],
    );
    const step = plan.steps[0];
    if (!step) throw new Error('no step');
    expect(aliasesToAdd(step)).toEqual(['a']);
  });

  it('an empty source plans nothing', () => {
    expect(planArtifactSync([], [makeVersion()])).toEqual({ steps: [], copyCount: 0, skipCount: 0, runIds: [], bytesToCopy: 0 });
  });
});

describe('blob planning', () => {
  const entries: ManifestEntry[] = [
    { path: 'a', digest: 'A', size: 3 },
    { path: 'b', digest: 'B', size: 5 },
    { path: 'c', digest: 'A', size: 3 },
    { path: 'r', digest: 'etag', ref: 's3://x/y', size: 100 },
    { path: 'z', digest: 'Z' },
  ];

  it('lists stored blobs once each and leaves references out', () => {
    expect(blobDigestsOfEntries(entries)).toEqual([
      { digest: 'A', size: 3 },
      { digest: 'B', size: 5 },
      { digest: 'Z', size: 0 },
    ]);
  });

  it('moves only missing blobs, in batches bounded by bytes and count', () => {
    const blobs = [
      { digest: '1', size: 4 },
      { digest: '2', size: 4 },
      { digest: '3', size: 4 },
      { digest: '4', size: 20 },
      { digest: '5', size: 1 },
      { digest: '6', size: 1 },
    ];
    const batches = planBlobBatches(blobs, new Set(['2']), { maxBytes: 10, maxCount: 2 });
    expect(batches.map((b) => b.map((x) => x.digest))).toEqual([['1', '3'], ['4'], ['5', '6']]);
    expect(planBlobBatches(blobs, new Set(blobs.map((b) => b.digest)), { maxBytes: 10, maxCount: 2 })).toEqual([]);
  });
});

describe('orderArtifactsForSync', () => {
  const run = (id: string, inputs: string[]) => ({ id: id as RunId, inputs });
  it('puts an artifact after the artifacts its producing runs used, ties by name', () => {
    const versions = [
      { artifactName: 'model', producedBy: 'train' as RunId },
      { artifactName: 'report', producedBy: 'eval' as RunId },
      { artifactName: 'data', producedBy: 'prep' as RunId },
      { artifactName: 'raw', producedBy: null },
    ];
    const runs = [run('prep', ['p/raw:v0']), run('train', ['p/data:v1', 'p/data:v0']), run('eval', ['p/model:v1', 'p/data:v1'])];
    expect(orderArtifactsForSync(['report', 'model', 'data', 'raw'], versions, runs)).toEqual(['raw', 'data', 'model', 'report']);
  });

  it('breaks cycles by name and ignores inputs outside the list or unknown runs', () => {
    const versions = [
      { artifactName: 'a', producedBy: 'r1' as RunId },
      { artifactName: 'b', producedBy: 'r2' as RunId },
      { artifactName: 'c', producedBy: 'gone' as RunId },
    ];
    const runs = [run('r1', ['p/b:v0', 'other/x:v0']), run('r2', ['p/a:v0', 'p/b:v0'])];
    expect(orderArtifactsForSync(['c', 'b', 'a'], versions, runs)).toEqual(['c', 'a', 'b']);
    expect(orderArtifactsForSync([], versions, runs)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import type { VersionId } from '../../domain/types';
import { artifactIdOf, versionIdOf } from '../../domain/types';
import type { ArtifactStore } from '../artifact-store';
import { createIdbStore } from './idb-store';

let counter = 0;
const uniqueName = () => `idb-concurrency-test-${Date.now()}-${++counter}`;
const A = artifactIdOf('p', 'model');
const v = (i: number): VersionId => versionIdOf('p', 'model', i);

/** Two connections to one database, as two tabs of the app have. */
async function twoTabs(versions: number): Promise<[ArtifactStore, ArtifactStore]> {
  const dbName = uniqueName();
  const first = await createIdbStore({ dbName });
  for (let i = 0; i < versions; i++) {
    await first.commitVersion({ project: 'p', artifactName: 'model', type: 'model', entries: [{ path: 'w', digest: `d${i}`, ref: `s3://b/w${i}`, size: 1 }] });
  }
  return [first, await createIdbStore({ dbName })];
}

async function expectIntact(...stores: ArtifactStore[]): Promise<void> {
  for (const store of stores) expect((await store.checkIntegrity()).problems).toEqual([]);
}

describe('two connections to one IndexedDB (two tabs)', () => {
  it('moving the same alias at the same moment leaves it on exactly one version', async () => {
    const [tabA, tabB] = await twoTabs(3);
    for (let round = 0; round < 10; round++) {
      const [x, y] = round % 2 === 0 ? [0, 1] : [2, 0];
      await Promise.all([tabA.setAlias(v(x), 'production'), tabB.setAlias(v(y), 'production')]);
      await expectIntact(tabA, tabB);
      const holders = (await tabB.listVersions(A)).filter((ver) => ver.aliases.includes('production'));
      expect(holders.length).toBe(1);
      expect([x, y]).toContain(holders[0]?.index);
      expect((await tabA.resolveVersion(A, 'production')).index).toBe(holders[0]?.index);
    }
    const events = await tabA.listAliasEvents(A);
    // Every event continues from where the previous one left the alias: no lost update.
    events.forEach((e, i) => {
      if (i > 0) expect(e.fromIndex).toBe(events[i - 1]?.toIndex ?? null);
    });
    tabA.close();
    tabB.close();
  });

  it('a delete racing an alias move either deletes first (move refused) or sees the alias', async () => {
    for (let round = 0; round < 6; round++) {
      const [tabA, tabB] = await twoTabs(2);
      const results = await Promise.allSettled([tabA.deleteVersion(v(0)), tabB.setAlias(v(0), 'production')]);
      await expectIntact(tabA, tabB);
      const [deleted, moved] = results;
      const versions = await tabA.listVersions(A);
      if (deleted?.status === 'fulfilled') {
        expect(moved?.status).toBe('rejected');
        expect(moved?.status === 'rejected' && moved.reason instanceof AppError ? moved.reason.code : null).toBe('not-found');
        expect(versions.map((x) => x.index)).toEqual([1]);
      } else {
        expect(deleted?.status === 'rejected' && deleted.reason instanceof AppError ? deleted.reason.code : null).toBe('alias-held');
        expect(versions.find((x) => x.index === 0)?.aliases).toEqual(['production']);
      }
      tabA.close();
      tabB.close();
    }
  });

  it('protection set in one tab guards a move in the other', async () => {
    const [tabA, tabB] = await twoTabs(2);
    await tabA.setAlias(v(0), 'production');
    await tabA.setAliasProtected(A, 'production', true);
    await expect(tabB.setAlias(v(1), 'production')).rejects.toMatchObject({ code: 'alias-protected' });
    await tabB.setAlias(v(1), 'production', { confirmProtected: true });
    expect((await tabA.resolveVersion(A, 'production')).index).toBe(1);
    await expectIntact(tabA, tabB);
    tabA.close();
    tabB.close();
  });
});

import { describe, expect, it } from 'vitest';
import { runStoreContract } from '../contract';
import { createIdbStore } from './idb-store';

let counter = 0;
const uniqueName = () => `idb-store-test-${Date.now()}-${++counter}`;

runStoreContract('IndexedDB', (options) => createIdbStore({ ...options, dbName: uniqueName() }));

describe('IndexedDB store', () => {
  it('keeps its data across connections', async () => {
    const dbName = uniqueName();
    const first = await createIdbStore({ dbName });
    await first.commitVersion({
      project: 'p',
      artifactName: 'refs',
      type: 'dataset',
      entries: [{ path: 'a', digest: 'x', ref: 's3://b/a', size: 1 }],
      aliases: ['best'],
    });
    first.close();
    const second = await createIdbStore({ dbName });
    expect(second.dbName).toBe(dbName);
    expect((await second.listVersions('p/refs' as never)).map((v) => v.aliases)).toEqual([['latest', 'best']]);
    second.close();
  });
});

import { openDB } from 'idb';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import type { ArtifactId, VersionId } from '../../domain/types';
import { createIdbStore, openStudioDb } from './idb-store';
import type { MigrationStep } from './migrations';
import { assertGapless, MIGRATIONS, migrationSteps, runMigrations } from './migrations';
import type { StoreDefinition } from './schema';
import { DB_VERSION, SCHEMA } from './schema';

/**
 * A project as release 1 stored it: artifact "data" with live v0, v1 and v3 (v2 deleted;
 * manifests as chunks of entry objects, one stored file shared by v0 and v3) and artifact
 * "empty" whose only version was deleted. Written with plain puts: the v1 record shapes.
 */
const V1_FILE_DIGEST = 'XrY7u+Ae7tCTyyK7j1rNww==';
async function seedV1(db: IDBPDatabase<unknown>): Promise<void> {
  const tx = db.transaction(['projects', 'artifacts', 'versions', 'manifestChunks', 'blobs', 'blobChunks', 'aliases'], 'readwrite');
  const put = (store: string, value: unknown) => tx.objectStore(store).put(value);
  const version = (name: string, index: number, size: number, fileCount: number) => ({
    id: `proj/${name}:v${index}`,
    artifactId: `proj/${name}`,
    project: 'proj',
    artifactName: name,
    type: 'dataset',
    index,
    digest: `digest-${name}-${index}`,
    size,
    fileCount,
    chunkCount: 1,
    createdAt: 1000 + index,
    description: '',
    metadata: {},
    tags: [],
    producedBy: null,
    ttlSeconds: null,
  });
  const file = { path: 'a.txt', digest: V1_FILE_DIGEST, size: 11 };
  const reference = { path: 'b.bin', digest: 'etag-1', ref: 's3://bucket/b.bin', size: 100, extra: { etag: '"etag-1"' } };
  await Promise.all([
    put('projects', { name: 'proj', createdAt: 1 }),
    put('artifacts', { id: 'proj/data', project: 'proj', name: 'data', type: 'dataset', description: '', createdAt: 1, nextIndex: 4 }),
    put('artifacts', { id: 'proj/empty', project: 'proj', name: 'empty', type: 'model', description: '', createdAt: 1, nextIndex: 1, protectedAliases: [] }),
    put('versions', version('data', 0, 11, 1)),
    put('versions', version('data', 1, 100, 1)),
    put('versions', version('data', 3, 111, 2)),
    put('manifestChunks', { versionId: 'proj/data:v0', chunkNo: 0, entries: [file] }),
    put('manifestChunks', { versionId: 'proj/data:v1', chunkNo: 0, entries: [reference] }),
    put('manifestChunks', { versionId: 'proj/data:v3', chunkNo: 0, entries: [file, reference] }),
    put('blobs', { digest: V1_FILE_DIGEST, size: 11, refCount: 2, stagedAt: 1, chunkCount: 1, complete: true }),
    put('blobChunks', { digest: V1_FILE_DIGEST, i: 0, data: new TextEncoder().encode('hello world').buffer }),
    put('aliases', { artifactId: 'proj/data', alias: 'best', index: 1 }),
  ]);
  await tx.done;
}

let counter = 0;
const uniqueName = () => `migrations-test-${Date.now()}-${++counter}`;

type Shape = Record<string, StoreDefinition>;

/** The shape of version 3: today's, before v4 added the pendingRefs store. */
const { pendingRefs: _pendingRefs, ...SHAPE_V3 } = SCHEMA;
/** The shape of versions 1 and 2: version 3's, before it added the packs store. */
const { packs: _packs, ...SHAPE_BEFORE_PACKS } = SHAPE_V3;

/** The stores, key paths and indexes of an open database, in SCHEMA's terms. */
function shapeOf(db: IDBPDatabase<unknown>): Shape {
  const names = [...db.objectStoreNames];
  if (names.length === 0) return {};
  const tx = db.transaction(names, 'readonly');
  const shape: Shape = {};
  for (const name of names) {
    const store = tx.objectStore(name);
    const indexes: StoreDefinition['indexes'] = {};
    for (const indexName of [...store.indexNames]) {
      const index = store.index(indexName);
      indexes[indexName] = { keyPath: index.keyPath, unique: index.unique };
    }
    if (store.keyPath === null) throw new Error(`store ${name} has out-of-line keys`);
    shape[name] = { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
  }
  return shape;
}

/** Runs one real step on a database seeded at the version before it. */
async function upgradeOneStep(step: number, seed: (db: IDBPDatabase<unknown>) => Promise<void>): Promise<IDBPDatabase<unknown>> {
  const dbName = uniqueName();
  if (step > 1) {
    const old = await openDB(dbName, step - 1, {
      upgrade: (db, oldVersion, _n, tx) => void runMigrations(db, tx, oldVersion, step - 1),
    });
    await seed(old);
    old.close();
  }
  const outcome: { failure: Error | null } = { failure: null };
  const db = await openDB(dbName, step, {
    upgrade: (database, oldVersion, _n, tx) => {
      expect(oldVersion).toBe(step - 1);
      runMigrations(database, tx, oldVersion, step).catch((error: unknown) => {
        outcome.failure = error instanceof Error ? error : new Error('a migration step failed');
      });
    },
  });
  if (outcome.failure) throw outcome.failure;
  return db;
}

/**
 * One entry per real step: an old-shape fixture, and what the database looks like after the
 * step. A new step must add its entry here (a test below checks that every step has one).
 */
const STEP_FIXTURES: Record<number, { seed: (db: IDBPDatabase<unknown>) => Promise<void>; expected: (db: IDBPDatabase<unknown>) => Promise<void> }> = {
  1: {
    // Before v1 there is no database at all.
    seed: () => Promise.resolve(),
    expected: async (db) => {
      expect(shapeOf(db)).toEqual(SHAPE_BEFORE_PACKS);
      expect(await db.count('versions')).toBe(0);
    },
  },
  2: {
    seed: seedV1,
    expected: async (db) => {
      expect(shapeOf(db)).toEqual(SHAPE_BEFORE_PACKS);
      expect(await db.getAll('artifacts')).toEqual([
        {
          id: 'proj/data',
          project: 'proj',
          name: 'data',
          type: 'dataset',
          description: '',
          createdAt: 1,
          nextIndex: 4,
          summary: { versionCount: 3, totalSize: 222, latestIndex: 3 },
        },
        {
          id: 'proj/empty',
          project: 'proj',
          name: 'empty',
          type: 'model',
          description: '',
          createdAt: 1,
          nextIndex: 1,
          protectedAliases: [],
          summary: { versionCount: 0, totalSize: 0, latestIndex: null },
        },
      ]);
      // Nothing else is touched: v1's chunks of entry objects stay as they are.
      expect(await db.count('versions')).toBe(3);
      expect(await db.get('manifestChunks', ['proj/data:v0', 0])).toEqual({
        versionId: 'proj/data:v0',
        chunkNo: 0,
        entries: [{ path: 'a.txt', digest: V1_FILE_DIGEST, size: 11 }],
      });
    },
  },
  3: {
    seed: seedV1,
    expected: async (db) => {
      expect(shapeOf(db)).toEqual(SHAPE_V3);
      expect(await db.count('packs')).toBe(0);
      // Blobs stored before stay in their pieces.
      expect(await db.get('blobs', V1_FILE_DIGEST)).toEqual({ digest: V1_FILE_DIGEST, size: 11, refCount: 2, stagedAt: 1, chunkCount: 1, complete: true });
      expect(await db.count('blobChunks')).toBe(1);
    },
  },
  4: {
    seed: seedV1,
    expected: async (db) => {
      expect(shapeOf(db)).toEqual(SCHEMA);
      // References were counted in the commit before v4: none are pending, the counts stay.
      expect(await db.count('pendingRefs')).toBe(0);
      expect(await db.get('blobs', V1_FILE_DIGEST)).toMatchObject({ refCount: 2 });
      expect(await db.count('versions')).toBe(3);
    },
  },
};

describe('migrations', () => {
  it('number their steps 1, 2, … with no gap, ending at DB_VERSION', () => {
    const steps = migrationSteps();
    expect(steps[0]).toBe(1);
    steps.forEach((step, i) => {
      if (i > 0) expect(step - (steps[i - 1] ?? 0)).toBe(1);
    });
    expect(steps.at(-1)).toBe(DB_VERSION);
    expect(() => assertGapless(MIGRATIONS, DB_VERSION)).not.toThrow();
  });

  it.each([
    { steps: [1, 3], target: 3 },
    { steps: [2], target: 1 },
    { steps: [1, 2], target: 1 },
    { steps: [1], target: 2 },
  ])('refuses the step list $steps for version $target', ({ steps, target }) => {
    const migrations = Object.fromEntries(steps.map((s): [number, MigrationStep] => [s, () => undefined]));
    expect(() => assertGapless(migrations, target)).toThrow(AppError);
  });

  it('has a fixture test for every step', () => {
    expect(Object.keys(STEP_FIXTURES).map(Number)).toEqual(migrationSteps());
  });

  for (const step of migrationSteps()) {
    it(`step ${step}: upgrades the version ${step - 1} fixture to the expected shape`, async () => {
      const fixture = STEP_FIXTURES[step];
      if (!fixture) throw new Error(`no fixture for step ${step}`);
      const db = await upgradeOneStep(step, fixture.seed);
      try {
        await fixture.expected(db);
      } finally {
        db.close();
      }
    });
  }

  it('the whole chain yields the declared schema', async () => {
    const db = await openStudioDb(uniqueName());
    expect(shapeOf(db as unknown as IDBPDatabase<unknown>)).toEqual(SCHEMA);
    db.close();
  });

  it('opens a version 1 database with data as a working store: summaries listed, old chunks read, later changes kept in step', async () => {
    const dbName = uniqueName();
    const v1 = await openStudioDb(dbName, { migrations: { 1: MIGRATIONS[1] as MigrationStep }, version: 1 });
    await seedV1(v1 as unknown as IDBPDatabase<unknown>);
    v1.close();

    let time = 5000;
    const store = await createIdbStore({ dbName, now: () => (time += 1) });
    try {
      expect((await store.listArtifacts('proj')).map(({ name, versionCount, totalSize, latestIndex, nextIndex }) => ({ name, versionCount, totalSize, latestIndex, nextIndex }))).toEqual([
        { name: 'data', versionCount: 3, totalSize: 222, latestIndex: 3, nextIndex: 4 },
        { name: 'empty', versionCount: 0, totalSize: 0, latestIndex: null, nextIndex: 1 },
      ]);
      expect(await store.readManifest('proj/data:v3' as VersionId)).toEqual([
        { path: 'a.txt', digest: V1_FILE_DIGEST, size: 11 },
        { path: 'b.bin', digest: 'etag-1', ref: 's3://bucket/b.bin', size: 100, extra: { etag: '"etag-1"' } },
      ]);
      expect((await store.readManifestPage('proj/data:v3' as VersionId, { offset: 1, limit: 5 })).entries.map((e) => e.path)).toEqual(['b.bin']);
      expect((await store.checkIntegrity()).problems).toEqual([]);

      // New versions (columnar chunks) and deletes keep the migrated summary in step.
      await store.commitVersion({ project: 'proj', artifactName: 'data', type: 'dataset', entries: [{ path: 'c.txt', digest: 'etag-2', ref: 's3://bucket/c', size: 5 }] });
      await store.deleteVersion('proj/data:v3' as VersionId);
      await store.deleteVersion('proj/data:v0' as VersionId);
      expect(await store.getArtifact('proj/data' as ArtifactId)).toMatchObject({ versionCount: 2, totalSize: 105, latestIndex: 4, nextIndex: 5 });
      expect((await store.checkIntegrity()).problems).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('runs only the steps after the stored version, in order, keeping the data', async () => {
    const dbName = uniqueName();
    const ran: number[] = [];
    const steps: Record<number, MigrationStep> = {
      1: (db) => {
        ran.push(1);
        db.createObjectStore('things', { keyPath: 'id' });
      },
      2: async (_db, tx) => {
        ran.push(2);
        const store = tx.objectStore('things');
        store.createIndex('byName', 'name');
        for (const thing of (await store.getAll()) as { id: number; label: string }[]) {
          await store.put({ id: thing.id, name: thing.label.toUpperCase() });
        }
      },
      3: (db) => {
        ran.push(3);
        db.createObjectStore('extra', { keyPath: 'k' });
      },
    };
    const v1 = await openStudioDb(dbName, { migrations: { 1: steps[1] as MigrationStep }, version: 1 });
    const raw = v1 as unknown as IDBPDatabase<unknown>;
    await raw.put('things', { id: 1, label: 'a' });
    v1.close();
    ran.length = 0;
    const v3 = (await openStudioDb(dbName, { migrations: steps, version: 3 })) as unknown as IDBPDatabase<unknown>;
    expect(ran).toEqual([2, 3]);
    expect(await v3.getAll('things')).toEqual([{ id: 1, name: 'A' }]);
    expect([...v3.objectStoreNames].sort()).toEqual(['extra', 'things']);
    v3.close();
  });

  it('aborts the upgrade when a step fails, leaving the old database as it was', async () => {
    const dbName = uniqueName();
    const step1: MigrationStep = (db) => void db.createObjectStore('things', { keyPath: 'id' });
    const v1 = (await openStudioDb(dbName, { migrations: { 1: step1 }, version: 1 })) as unknown as IDBPDatabase<unknown>;
    await v1.put('things', { id: 1 });
    v1.close();
    const failing: MigrationStep = async (_db, tx) => {
      await tx.objectStore('things').clear();
      throw new AppError('internal', 'step 2 failed on purpose');
    };
    await expect(openStudioDb(dbName, { migrations: { 1: step1, 2: failing }, version: 2 })).rejects.toThrow('step 2 failed on purpose');
    const again = (await openStudioDb(dbName, { migrations: { 1: step1 }, version: 1 })) as unknown as IDBPDatabase<unknown>;
    expect(again.version).toBe(1);
    expect(await again.getAll('things')).toEqual([{ id: 1 }]);
    again.close();
  });

  it('refuses a database written by a newer release with schema-too-new', async () => {
    const dbName = uniqueName();
    const newer = await openDB(dbName, DB_VERSION + 1);
    newer.close();
    const error = await createIdbStore({ dbName }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('schema-too-new');
    expect((error as AppError).message).toMatch(/newer Artifact Studio; reload the page/);
  });

  it('closes on "blocking" and reports it, so that another tab can upgrade', async () => {
    const dbName = uniqueName();
    let notified = 0;
    const store = await createIdbStore({ dbName, onVersionChange: () => (notified += 1) });
    const upgrader = await openDB(dbName, DB_VERSION + 1);
    expect(notified).toBe(1);
    expect(upgrader.version).toBe(DB_VERSION + 1);
    const error = await store.listProjects().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/reload the page/);
    upgrader.close();
  });

  it('reports "blocked" while an older connection stays open, then opens', async () => {
    const dbName = uniqueName();
    const step1: MigrationStep = (db) => void db.createObjectStore('things', { keyPath: 'id' });
    const old = await openDB(dbName, 1, { upgrade: (db) => void db.createObjectStore('things', { keyPath: 'id' }) });
    let blocked = 0;
    const opening = openStudioDb(dbName, {
      migrations: { 1: step1, 2: () => undefined },
      version: 2,
      onBlocked: () => {
        blocked += 1;
        old.close();
      },
    });
    const db = await opening;
    expect(blocked).toBe(1);
    expect(db.version).toBe(2);
    db.close();
  });
});

/**
 * Numbered schema migrations. `MIGRATIONS[v]` turns a database of version v-1 into version v;
 * opening runs every step from the stored version + 1 up to DB_VERSION, inside the upgrade
 * transaction.
 *
 * Append-only and gapless: never edit a step that has shipped, add the next number instead.
 * A step may touch only `db`/`tx` (stores, indexes, cursors) and await IDB requests; no fetch,
 * no timers (the upgrade transaction would commit under it). A step spells out the shape of its
 * own time: do not read SCHEMA from schema.ts here.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { AppError } from '../../domain/errors';

export type MigrationDb = IDBPDatabase<unknown>;
export type MigrationTx = IDBPTransaction<unknown, string[], 'versionchange'>;
export type MigrationStep = (db: MigrationDb, tx: MigrationTx) => void | Promise<void>;

export const MIGRATIONS: Readonly<Record<number, MigrationStep>> = {
  /** v1: the first schema. */
  1: (db) => {
    db.createObjectStore('projects', { keyPath: 'name' });

    const artifacts = db.createObjectStore('artifacts', { keyPath: 'id' });
    artifacts.createIndex('byProject', 'project');

    const versions = db.createObjectStore('versions', { keyPath: 'id' });
    versions.createIndex('byArtifact', ['artifactId', 'index'], { unique: true });
    versions.createIndex('byDigest', ['artifactId', 'digest'], { unique: true });
    versions.createIndex('byProject', 'project');

    db.createObjectStore('manifestChunks', { keyPath: ['versionId', 'chunkNo'] });

    db.createObjectStore('blobs', { keyPath: 'digest' });
    db.createObjectStore('blobChunks', { keyPath: ['digest', 'i'] });

    const aliases = db.createObjectStore('aliases', { keyPath: ['artifactId', 'alias'] });
    aliases.createIndex('byVersion', ['artifactId', 'index']);
    const aliasEvents = db.createObjectStore('aliasEvents', { keyPath: 'seq', autoIncrement: true });
    aliasEvents.createIndex('byArtifact', 'artifactId');

    const runs = db.createObjectStore('runs', { keyPath: 'id' });
    runs.createIndex('byProject', 'project');
  },

  /**
   * v2: every artifact record carries `summary` — its live versions' count, total size and
   * newest index — so that listing a project reads no version records. Manifest chunks are
   * written column by column from now on; v1's chunks of entry objects stay and are still read.
   */
  2: async (_db, tx) => {
    const versions = (await tx.objectStore('versions').getAll()) as { artifactId: string; index: number; size: number }[];
    const summaries = new Map<string, { versionCount: number; totalSize: number; latestIndex: number | null }>();
    for (const v of versions) {
      const s = summaries.get(v.artifactId) ?? { versionCount: 0, totalSize: 0, latestIndex: null };
      s.versionCount += 1;
      s.totalSize += v.size;
      if (s.latestIndex === null || v.index > s.latestIndex) s.latestIndex = v.index;
      summaries.set(v.artifactId, s);
    }
    const artifacts = tx.objectStore('artifacts');
    const records = (await artifacts.getAll()) as { id: string }[];
    await Promise.all(
      records.map((a) => artifacts.put({ ...a, summary: summaries.get(a.id) ?? { versionCount: 0, totalSize: 0, latestIndex: null } })),
    );
  },

  /**
   * v3: small blobs written together share one record of bytes, a pack `{ id, data: Blob,
   * members }`; their blob records say `pack: { id, offset }` and have no pieces. Blobs stored
   * before stay in pieces and are still read.
   */
  3: (db) => {
    db.createObjectStore('packs', { keyPath: 'id' });
  },

  /**
   * v4: `pendingRefs { versionId }` lists versions whose blob references are not yet counted in
   * the blob records' refCount. Databases before it counted them in the commit: none are pending.
   */
  4: (db) => {
    db.createObjectStore('pendingRefs', { keyPath: 'versionId' });
  },
};

/** The step numbers, ascending. */
export function migrationSteps(migrations: Readonly<Record<number, MigrationStep>> = MIGRATIONS): number[] {
  return Object.keys(migrations)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Refuses a step list that does not run 1, 2, … target with no gap. */
export function assertGapless(migrations: Readonly<Record<number, MigrationStep>>, target: number): void {
  const steps = migrationSteps(migrations);
  steps.forEach((step, i) => {
    if (step !== i + 1) throw new AppError('internal', `migration steps must go up by exactly 1 from 1: found ${steps.join(', ')}`);
  });
  if (steps.length !== target) {
    throw new AppError('internal', `DB_VERSION is ${target} but the last migration step is ${steps.length}`);
  }
}

/** Runs steps oldVersion+1 … newVersion in order. */
export async function runMigrations(
  db: MigrationDb,
  tx: MigrationTx,
  oldVersion: number,
  newVersion: number,
  migrations: Readonly<Record<number, MigrationStep>> = MIGRATIONS,
): Promise<void> {
  assertGapless(migrations, migrationSteps(migrations).length);
  for (let v = oldVersion + 1; v <= newVersion; v++) {
    const step = migrations[v];
    if (!step) throw new AppError('internal', `no migration step ${v}`);
    await step(db, tx);
  }
}

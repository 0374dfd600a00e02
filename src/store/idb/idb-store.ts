/**
 * ArtifactStore in this browser's IndexedDB (via `idb`). The rules live in record-store.ts;
 * this file opens the database (running migrations), provides transactions over it and turns
 * DOMExceptions into AppErrors.
 */
import { openDB, unwrap } from 'idb';
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { AppError, toAppError } from '../../domain/errors';
import type { ArtifactStore } from '../artifact-store';
import type { IndexOf, KeyOf, KeyRange, RecordBackend, RecordOf, RecordTx, TxMode } from '../record-backend';
import type { StoreTestHooks } from '../record/record-context';
import { RecordStore } from '../record-store';
import type { MigrationDb, MigrationStep, MigrationTx } from './migrations';
import { assertGapless, MIGRATIONS, runMigrations } from './migrations';
import type { StoreName, StudioSchema } from './schema';
import { DB_NAME, DB_VERSION } from './schema';

export interface IdbStoreOptions {
  /** Defaults to DB_NAME; tests use a unique name each. */
  dbName?: string;
  now?: () => number;
  newRunId?: () => string;
  /**
   * Another tab wants to upgrade the database, or something deletes it (another tab, the
   * browser's site-data settings): this connection has been closed and the store no longer
   * works. Ask the user to reload, saying which it was.
   */
  onVersionChange?: (change: DatabaseChange) => void;
  /** Opening waits because another tab holds an older version open. Ask the user to close it. */
  onBlocked?: () => void;
  testHooks?: StoreTestHooks;
  /** See RecordStoreOptions. */
  countRefsDelayMs?: number;
}

export interface IdbStore extends ArtifactStore {
  readonly dbName: string;
}

type StudioDb = IDBPDatabase<StudioSchema>;
type StudioTx = IDBPTransaction<StudioSchema, StoreName[], 'readwrite'>;

function errorName(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') return error.name;
  return undefined;
}

async function storageEstimate(): Promise<{ usage?: number; quota?: number }> {
  try {
    if (typeof navigator === 'undefined' || typeof navigator.storage?.estimate !== 'function') return {};
    const { usage, quota } = await navigator.storage.estimate();
    return { usage, quota };
  } catch {
    return {};
  }
}

/** DOMExceptions (and anything else) → AppError. */
export async function toStoreError(error: unknown): Promise<AppError> {
  if (error instanceof AppError) return error;
  const name = errorName(error);
  if (name === 'QuotaExceededError') {
    const estimate = await storageEstimate();
    return new AppError(
      'quota-exceeded',
      'The browser refused to store more data: its storage quota for this site is used up. Delete versions you no longer need or run garbage collection, then try again.',
      { cause: error, details: estimate },
    );
  }
  if (name === 'VersionError') return schemaTooNew(error);
  if (name === 'InvalidStateError') {
    return new AppError(
      'internal',
      'The database connection is closed (another tab may have upgraded Artifact Studio); reload the page.',
      { cause: error },
    );
  }
  return toAppError(error);
}

function schemaTooNew(cause: unknown): AppError {
  return new AppError(
    'schema-too-new',
    'This database was written by a newer Artifact Studio; reload the page to get the new version (nothing was changed).',
    { cause, details: { supportedVersion: DB_VERSION } },
  );
}

function toIdbRange(range: KeyRange | undefined): IDBKeyRange | undefined {
  if (!range) return undefined;
  const { lower, upper, lowerOpen = false, upperOpen = false } = range;
  if (lower !== undefined && upper !== undefined) return IDBKeyRange.bound(lower, upper, lowerOpen, upperOpen);
  if (lower !== undefined) return IDBKeyRange.lowerBound(lower, lowerOpen);
  if (upper !== undefined) return IDBKeyRange.upperBound(upper, upperOpen);
  return undefined;
}

/**
 * One request's result. Plain handlers, not idb's promise wrapper: its per-request cost adds up
 * over the thousands of requests of a large commit (bench row "ingest a 10,000-file folder …").
 */
function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function recordTx(tx: StudioTx): RecordTx {
  const native: IDBTransaction = unwrap(tx);
  const stores = new Map<StoreName, IDBObjectStore>();
  const objectStore = (name: StoreName): IDBObjectStore => {
    let store = stores.get(name);
    if (!store) {
      store = native.objectStore(name);
      stores.set(name, store);
    }
    return store;
  };
  // The schema types the records; the casts only restate them for the untyped native requests.
  return {
    get: <S extends StoreName>(store: S, key: KeyOf<S>) => settled(objectStore(store).get(key)) as Promise<RecordOf<S> | undefined>,
    getAll: <S extends StoreName>(store: S, range?: KeyRange, count?: number) =>
      settled(objectStore(store).getAll(toIdbRange(range), count)) as Promise<RecordOf<S>[]>,
    getAllKeys: <S extends StoreName>(store: S, range?: KeyRange) => settled(objectStore(store).getAllKeys(toIdbRange(range))) as Promise<KeyOf<S>[]>,
    getAllFromIndex: <S extends StoreName>(store: S, index: IndexOf<S>, range?: KeyRange) =>
      settled(objectStore(store).index(index).getAll(toIdbRange(range))) as Promise<RecordOf<S>[]>,
    lastFromIndex: async <S extends StoreName>(store: S, index: IndexOf<S>, range: KeyRange) => {
      const cursor = await settled(objectStore(store).index(index).openCursor(toIdbRange(range), 'prev'));
      return cursor?.value as RecordOf<S> | undefined;
    },
    count: (store, range) => settled(objectStore(store).count(toIdbRange(range))),
    put: async (store, value) => {
      await settled(objectStore(store).put(value));
    },
    delete: async (store, key) => {
      await settled(objectStore(store).delete(key));
    },
    deleteRange: async (store, range) => {
      const idbRange = toIdbRange(range);
      await settled(idbRange ? objectStore(store).delete(idbRange) : objectStore(store).clear());
    },
  };
}

function idbBackend(db: StudioDb): RecordBackend {
  return {
    async transaction<T>(stores: readonly StoreName[], mode: TxMode, body: (tx: RecordTx) => Promise<T>): Promise<T> {
      let tx: StudioTx;
      try {
        tx = db.transaction([...stores], mode) as unknown as StudioTx;
      } catch (error) {
        throw await toStoreError(error);
      }
      try {
        const result = await body(recordTx(tx));
        await tx.done;
        return result;
      } catch (error) {
        try {
          tx.abort();
        } catch {
          // already committed or aborted
        }
        await tx.done.catch(() => undefined);
        throw await toStoreError(error);
      }
    },
    close() {
      db.close();
    },
  };
}

/** Why the database connection was closed under the app: an upgrade elsewhere, or a deletion. */
export type DatabaseChange = 'upgrade' | 'delete';

export interface OpenStudioDbOptions {
  onVersionChange?: (change: DatabaseChange) => void;
  onBlocked?: () => void;
  /** Tests only: another step list and target version. */
  migrations?: Readonly<Record<number, MigrationStep>>;
  version?: number;
}

/** Opens (creating or upgrading) the database; refuses one written by a newer release. */
export async function openStudioDb(dbName: string, options: OpenStudioDbOptions = {}): Promise<StudioDb> {
  const migrations = options.migrations ?? MIGRATIONS;
  const version = options.version ?? DB_VERSION;
  assertGapless(migrations, version);
  let migrationError: unknown = null;
  try {
    const db = await openDB<StudioSchema>(dbName, version, {
      upgrade(database, oldVersion, newVersion, transaction) {
        // The outcome is reported through openDB; this only keeps an abort from going unhandled.
        transaction.done.catch(() => undefined);
        const run = runMigrations(
          database as unknown as MigrationDb,
          transaction as unknown as MigrationTx,
          oldVersion,
          newVersion ?? version,
          migrations,
        );
        run.catch((error: unknown) => {
          migrationError = error;
          try {
            transaction.abort();
          } catch {
            // already finished
          }
        });
      },
      blocked() {
        options.onBlocked?.();
      },
      blocking(_current, next) {
        db.close();
        // A deletion asks for no next version.
        options.onVersionChange?.(next === null ? 'delete' : 'upgrade');
      },
    });
    return db;
  } catch (error) {
    if (migrationError !== null) throw toAppError(migrationError);
    throw await toStoreError(error);
  }
}

export async function createIdbStore(options: IdbStoreOptions = {}): Promise<IdbStore> {
  const dbName = options.dbName ?? DB_NAME;
  const db = await openStudioDb(dbName, { onVersionChange: options.onVersionChange, onBlocked: options.onBlocked });
  const store = new RecordStore(idbBackend(db), {
    id: 'local',
    label: 'This browser (IndexedDB)',
    now: options.now,
    newRunId: options.newRunId,
    testHooks: options.testHooks,
    piecesAsBlobs: true,
    countRefsDelayMs: options.countRefsDelayMs,
  });
  return Object.assign(store, { dbName });
}

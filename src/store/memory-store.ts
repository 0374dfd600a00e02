/**
 * ArtifactStore in plain Maps, with the same records, rules and atomicity as the IndexedDB
 * store (both run record-store.ts). For unit tests of the UI and as a reference adapter.
 * Transactions run one at a time; a failed one is rolled back from an undo log.
 */
import { AppError } from '../domain/errors';
import type { ArtifactStore } from './artifact-store';
import type { StoreDefinition, StoreName } from './idb/schema';
import { SCHEMA, STORE_NAMES } from './idb/schema';
import type { IndexOf, KeyOf, KeyRange, RecordBackend, RecordKey, RecordOf, RecordTx, TxMode } from './record-backend';
import { compareKeys, inRange } from './record-backend';
import type { StoreTestHooks } from './record/record-context';
import { RecordStore } from './record-store';

export interface MemoryStoreOptions {
  now?: () => number;
  newRunId?: () => string;
  testHooks?: StoreTestHooks;
}

export type MemoryStore = ArtifactStore;

interface Row {
  key: RecordKey;
  value: unknown;
}

interface Table {
  definition: StoreDefinition;
  rows: Map<string, Row>;
  nextAutoKey: number;
}

function serialise(key: RecordKey): string {
  return JSON.stringify(key);
}

function isValidKey(value: unknown): value is RecordKey {
  if (typeof value === 'number') return !Number.isNaN(value);
  if (typeof value === 'string') return true;
  return Array.isArray(value) && value.every(isValidKey);
}

/**
 * A copy of a record, as IndexedDB hands out and takes in copies. Blob fields (pack bytes) are
 * immutable and shared as they are: jsdom's Blobs cannot be structured-cloned.
 */
function copyOf<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const blobs = Object.entries(value).filter(([, v]) => v instanceof Blob);
  if (blobs.length === 0) return structuredClone(value);
  const rest: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key] of blobs) delete rest[key];
  return Object.assign(structuredClone(rest), Object.fromEntries(blobs)) as T;
}

/** The key at `keyPath` of `value`, or undefined when it has none (not indexed). */
function keyAt(value: unknown, keyPath: string | string[]): RecordKey | undefined {
  if (Array.isArray(keyPath)) {
    const parts = keyPath.map((p) => keyAt(value, p));
    return parts.every((p) => p !== undefined) ? (parts) : undefined;
  }
  const part = (value as Record<string, unknown>)[keyPath];
  return isValidKey(part) ? part : undefined;
}

function byKey(a: Row, b: Row): number {
  return compareKeys(a.key, b.key);
}

export function createMemoryBackend(): RecordBackend {
  const tables = new Map<StoreName, Table>(
    STORE_NAMES.map((name) => [name, { definition: SCHEMA[name], rows: new Map(), nextAutoKey: 1 }]),
  );
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const table = (name: StoreName, scope: ReadonlySet<StoreName>): Table => {
    const t = tables.get(name);
    if (!t || !scope.has(name)) throw new AppError('internal', `store ${name} is not part of this transaction`);
    return t;
  };

  const run = async <T>(stores: readonly StoreName[], mode: TxMode, body: (tx: RecordTx) => Promise<T>): Promise<T> => {
    if (closed) throw new AppError('internal', 'the memory store was closed');
    const scope = new Set(stores);
    const undo: { table: Table; skey: string; before: Row | undefined }[] = [];
    const autoKeys = new Map<Table, number>();

    const writable = (name: StoreName): Table => {
      if (mode !== 'readwrite') throw new AppError('internal', `cannot write to ${name} in a read-only transaction`);
      return table(name, scope);
    };
    const remember = (t: Table, skey: string) => {
      if (!autoKeys.has(t)) autoKeys.set(t, t.nextAutoKey);
      undo.push({ table: t, skey, before: t.rows.get(skey) });
    };
    const rows = (name: StoreName, range: KeyRange | undefined): Row[] =>
      [...table(name, scope).rows.values()].filter((r) => inRange(r.key, range)).sort(byKey);
    const indexRows = (name: StoreName, index: string, range: KeyRange | undefined): Row[] => {
      const t = table(name, scope);
      const definition = t.definition.indexes[index];
      if (!definition) throw new AppError('internal', `store ${name} has no index ${index}`);
      const out: { indexKey: RecordKey; row: Row }[] = [];
      for (const row of t.rows.values()) {
        const indexKey = keyAt(row.value, definition.keyPath);
        if (indexKey !== undefined && inRange(indexKey, range)) out.push({ indexKey, row });
      }
      out.sort((a, b) => compareKeys(a.indexKey, b.indexKey) || byKey(a.row, b.row));
      return out.map((o) => o.row);
    };
    const values = <S extends StoreName>(list: Row[]): RecordOf<S>[] => list.map((r) => copyOf(r.value) as RecordOf<S>);
    const remove = (name: StoreName, list: Row[]) => {
      const t = writable(name);
      for (const row of list) {
        const skey = serialise(row.key);
        remember(t, skey);
        t.rows.delete(skey);
      }
    };

    const tx: RecordTx = {
      get: <S extends StoreName>(store: S, key: KeyOf<S>) => {
        const row = table(store, scope).rows.get(serialise(key));
        return Promise.resolve(row ? (copyOf(row.value) as RecordOf<S>) : undefined);
      },
      getAll: <S extends StoreName>(store: S, range?: KeyRange, count?: number) =>
        Promise.resolve(values<S>(rows(store, range).slice(0, count))),
      getAllKeys: <S extends StoreName>(store: S, range?: KeyRange) =>
        Promise.resolve(rows(store, range).map((r) => structuredClone(r.key) as KeyOf<S>)),
      getAllFromIndex: <S extends StoreName>(store: S, index: IndexOf<S>, range?: KeyRange) =>
        Promise.resolve(values<S>(indexRows(store, index, range))),
      lastFromIndex: <S extends StoreName>(store: S, index: IndexOf<S>, range: KeyRange) =>
        Promise.resolve(values<S>(indexRows(store, index, range).slice(-1))[0]),
      count: (store, range) => Promise.resolve(rows(store, range).length),
      put: (store, value) => {
        const t = writable(store);
        const stored = copyOf(value) as unknown as Record<string, unknown>;
        let key = keyAt(stored, t.definition.keyPath);
        if (key === undefined) {
          if (!t.definition.autoIncrement || Array.isArray(t.definition.keyPath)) {
            return Promise.reject(new AppError('internal', `a ${store} record has no valid key`));
          }
          if (!autoKeys.has(t)) autoKeys.set(t, t.nextAutoKey);
          key = t.nextAutoKey;
          t.nextAutoKey += 1;
          stored[t.definition.keyPath] = key;
        } else if (t.definition.autoIncrement && typeof key === 'number' && key >= t.nextAutoKey) {
          t.nextAutoKey = Math.floor(key) + 1;
        }
        const skey = serialise(key);
        for (const [name, index] of Object.entries(t.definition.indexes)) {
          if (!index.unique) continue;
          const indexKey = keyAt(stored, index.keyPath);
          if (indexKey === undefined) continue;
          for (const [otherKey, row] of t.rows) {
            const other = keyAt(row.value, index.keyPath);
            if (otherKey !== skey && other !== undefined && compareKeys(other, indexKey) === 0) {
              return Promise.reject(new AppError('internal', `unique index ${store}.${name} already holds ${serialise(indexKey)}`));
            }
          }
        }
        remember(t, skey);
        t.rows.set(skey, { key, value: stored });
        return Promise.resolve();
      },
      delete: (store, key) => {
        const t = writable(store);
        const row = t.rows.get(serialise(key));
        if (row) remove(store, [row]);
        return Promise.resolve();
      },
      deleteRange: (store, range) => {
        remove(store, rows(store, range));
        return Promise.resolve();
      },
    };

    try {
      return await body(tx);
    } catch (error) {
      for (const step of undo.reverse()) {
        if (step.before) step.table.rows.set(step.skey, step.before);
        else step.table.rows.delete(step.skey);
      }
      for (const [t, next] of autoKeys) t.nextAutoKey = next;
      throw error;
    }
  };

  return {
    transaction<T>(stores: readonly StoreName[], mode: TxMode, body: (tx: RecordTx) => Promise<T>): Promise<T> {
      // One transaction at a time, like IndexedDB's overlapping read-write transactions.
      const result = queue.then(() => run(stores, mode, body));
      queue = result.catch(() => undefined);
      return result;
    },
    close() {
      closed = true;
    },
  };
}

export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  return new RecordStore(createMemoryBackend(), { id: 'memory', label: 'Memory (tests)', ...options });
}

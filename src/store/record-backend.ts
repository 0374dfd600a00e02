/**
 * The small record-level interface both adapters provide: IndexedDB (idb/idb-store.ts) and Maps
 * (memory-store.ts). Every ArtifactStore rule is written once, in record-store.ts, on top of it.
 *
 * A transaction body may await only the operations of its own `tx` (IndexedDB commits a
 * transaction as soon as it awaits anything else); compute digests etc. before opening it.
 * If the body throws, the transaction is rolled back and the error re-thrown.
 */
import type { IndexNames, StoreKey, StoreValue } from 'idb';
import type { StoreName, StudioSchema } from './idb/schema';

export type RecordOf<S extends StoreName> = StoreValue<StudioSchema, S>;
export type KeyOf<S extends StoreName> = StoreKey<StudioSchema, S>;
export type IndexOf<S extends StoreName> = IndexNames<StudioSchema, S>;

/** The key types we use: numbers, strings and arrays of them. */
export type RecordKey = number | string | RecordKey[];

export interface KeyRange {
  lower?: RecordKey;
  upper?: RecordKey;
  lowerOpen?: boolean;
  upperOpen?: boolean;
}

export function onlyKey(key: RecordKey): KeyRange {
  return { lower: key, upper: key };
}

/** Every array key that starts with `prefix` (an empty array sorts after every number and string). */
export function prefixRange(prefix: RecordKey[]): KeyRange {
  return { lower: prefix, upper: [...prefix, []] };
}

export interface RecordTx {
  get<S extends StoreName>(store: S, key: KeyOf<S>): Promise<RecordOf<S> | undefined>;
  /** Records in key order. */
  getAll<S extends StoreName>(store: S, range?: KeyRange, count?: number): Promise<RecordOf<S>[]>;
  getAllKeys<S extends StoreName>(store: S, range?: KeyRange): Promise<KeyOf<S>[]>;
  /** Records in index-key order (ties in primary-key order). */
  getAllFromIndex<S extends StoreName>(store: S, index: IndexOf<S>, range?: KeyRange): Promise<RecordOf<S>[]>;
  /** The record with the greatest index key in the range. */
  lastFromIndex<S extends StoreName>(store: S, index: IndexOf<S>, range: KeyRange): Promise<RecordOf<S> | undefined>;
  count<S extends StoreName>(store: S, range?: KeyRange): Promise<number>;
  put<S extends StoreName>(store: S, value: RecordOf<S>): Promise<void>;
  delete<S extends StoreName>(store: S, key: KeyOf<S>): Promise<void>;
  deleteRange<S extends StoreName>(store: S, range: KeyRange): Promise<void>;
}

export type TxMode = 'readonly' | 'readwrite';

export interface RecordBackend {
  transaction<T>(stores: readonly StoreName[], mode: TxMode, body: (tx: RecordTx) => Promise<T>): Promise<T>;
  close(): void;
}

/**
 * IndexedDB's key order (numbers < strings < arrays; strings by UTF-16 code unit; arrays
 * element-wise, a prefix first), for adapters that keep records outside IndexedDB.
 */
export function compareKeys(a: RecordKey, b: RecordKey): number {
  const rank = (k: RecordKey) => (typeof k === 'number' ? 0 : typeof k === 'string' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : a < b ? -1 : 1;
  const la = a as RecordKey[];
  const lb = b as RecordKey[];
  const n = Math.min(la.length, lb.length);
  for (let i = 0; i < n; i++) {
    const c = compareKeys(la[i] as RecordKey, lb[i] as RecordKey);
    if (c !== 0) return c;
  }
  return la.length - lb.length;
}

export function inRange(key: RecordKey, range: KeyRange | undefined): boolean {
  if (!range) return true;
  if (range.lower !== undefined) {
    const c = compareKeys(key, range.lower);
    if (c < 0 || (c === 0 && range.lowerOpen === true)) return false;
  }
  if (range.upper !== undefined) {
    const c = compareKeys(key, range.upper);
    if (c > 0 || (c === 0 && range.upperOpen === true)) return false;
  }
  return true;
}

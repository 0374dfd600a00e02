/**
 * What the record store's operations need from the store object (record-store.ts): its
 * transactions, clock, settings and test hooks. The operations are plain functions over this,
 * one file per part of the store, so none of them needs the class.
 */
import type { VersionId } from '../../domain/types';
import type { StoreName } from '../idb/schema';
import type { RecordTx } from '../record-backend';

/** Seams for tests: called inside transactions, so throwing from them aborts the operation. */
export interface StoreTestHooks {
  /** Called after a commit wrote everything, just before its transaction ends. */
  afterCommitWrites?: (versionId: VersionId) => void;
  /** Called after each batch of blob bytes is stored (its transaction done), with bytes so far of all. */
  afterBlobBatch?: (bytesWritten: number, bytesTotal: number) => void;
}

export interface RecordContext {
  read<T>(stores: readonly StoreName[], body: (tx: RecordTx) => Promise<T>): Promise<T>;
  write<T>(stores: readonly StoreName[], body: (tx: RecordTx) => Promise<T>): Promise<T>;
  now: () => number;
  newRunId: () => string;
  hooks: StoreTestHooks;
  /** Bytes written per putBlobs transaction. */
  putBatchBytes: number;
  /** See RecordStoreOptions.piecesAsBlobs. */
  piecesAsBlobs: boolean;
  /** Counts a commit's pending references a little later, in a transaction of their own (see PendingRefsRecord). */
  countRefsSoon(): void;
}

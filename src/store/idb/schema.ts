/**
 * The IndexedDB schema of Artifact Studio: database name, version, object stores and indexes,
 * and the records only the IndexedDB and memory stores keep (pack bytes, blob pieces, pending
 * references); the records every adapter shares are in ../records.ts. The memory store keeps
 * the same records in Maps, so both adapters share one description of the data.
 *
 * DO NOT CHANGE DB_NAME, DB_VERSION, the store/index names or key paths, or the chunk sizes
 * without adding a step to `migrations.ts`: data written by earlier releases depends on them.
 */
import type { DBSchema } from 'idb';
import type { VersionId } from '../../domain/types';
import type { ProjectRecord, ArtifactRecord, VersionRecord, ManifestChunkRecord, BlobRecord, AliasRecord, AliasEventRecord, RunRecord } from '../records';

export const DB_NAME = 'artifact-studio';
export const DB_VERSION = 4;
/** Blobs up to this size are stored in packs (see PackRecord), not in pieces of their own. */
export const PACKED_BLOB_MAX_BYTES = 64 * 1024;
/** A pack holds at most this many bytes (one blob of up to PACKED_BLOB_MAX_BYTES may go over it). */
export const PACK_BYTES = 1024 * 1024;

/**
 * The bytes of many small blobs written together, in one Blob (IndexedDB pays per record: as one
 * record each, 10,000 files of 4 KiB took twice as long to store). The pack goes when its last
 * member blob is deleted; the bytes of members deleted before that stay in it until then.
 */
export interface PackRecord {
  id: string;
  data: Blob;
  /** Digests of the blobs whose bytes are in `data` and whose records point here. */
  members: string[];
}

export interface BlobChunkRecord {
  digest: string;
  /** 0-based piece number. */
  i: number;
  /** The bytes; a Blob when written by putBlobs with `piecesAsBlobs` (IndexedDB copies it into its own files). */
  data: ArrayBuffer | Blob;
}

/**
 * A live version whose blob references are not yet counted in `BlobRecord.refCount` (schema v4).
 * A commit writes this one record instead of rewriting every blob record it uses (10,000 of them
 * took most of a second); a later transaction counts them. Every transaction that reads or
 * changes reference counts counts the pending ones first, in the same transaction.
 */
export interface PendingRefsRecord {
  versionId: VersionId;
}

export interface StudioSchema extends DBSchema {
  projects: { key: string; value: ProjectRecord };
  artifacts: { key: string; value: ArtifactRecord; indexes: { byProject: string } };
  versions: {
    key: string;
    value: VersionRecord;
    indexes: { byArtifact: [string, number]; byDigest: [string, string]; byProject: string };
  };
  manifestChunks: { key: [string, number]; value: ManifestChunkRecord };
  blobs: { key: string; value: BlobRecord };
  blobChunks: { key: [string, number]; value: BlobChunkRecord };
  aliases: { key: [string, string]; value: AliasRecord; indexes: { byVersion: [string, number] } };
  aliasEvents: { key: number; value: AliasEventRecord; indexes: { byArtifact: string } };
  runs: { key: string; value: RunRecord; indexes: { byProject: string } };
  packs: { key: string; value: PackRecord };
  pendingRefs: { key: string; value: PendingRefsRecord };
}

export type StoreName =
  | 'projects'
  | 'artifacts'
  | 'versions'
  | 'manifestChunks'
  | 'blobs'
  | 'blobChunks'
  | 'packs'
  | 'aliases'
  | 'aliasEvents'
  | 'runs'
  | 'pendingRefs';

export interface StoreDefinition {
  keyPath: string | string[];
  autoIncrement: boolean;
  indexes: Record<string, { keyPath: string | string[]; unique: boolean }>;
}

/**
 * The current shape, for adapters that need it at run time (the memory store) and for the
 * migration test, which checks that running every step yields exactly this. Migrations must
 * NOT read it: a step describes the shape of its own time.
 */
export const SCHEMA: Readonly<Record<StoreName, StoreDefinition>> = {
  projects: { keyPath: 'name', autoIncrement: false, indexes: {} },
  artifacts: { keyPath: 'id', autoIncrement: false, indexes: { byProject: { keyPath: 'project', unique: false } } },
  versions: {
    keyPath: 'id',
    autoIncrement: false,
    indexes: {
      byArtifact: { keyPath: ['artifactId', 'index'], unique: true },
      byDigest: { keyPath: ['artifactId', 'digest'], unique: true },
      byProject: { keyPath: 'project', unique: false },
    },
  },
  manifestChunks: { keyPath: ['versionId', 'chunkNo'], autoIncrement: false, indexes: {} },
  // No index on refCount: counting a version's references rewrites many blob records, and an
  // index would double those writes for the sake of garbage collection, which can afford to scan.
  blobs: { keyPath: 'digest', autoIncrement: false, indexes: {} },
  blobChunks: { keyPath: ['digest', 'i'], autoIncrement: false, indexes: {} },
  packs: { keyPath: 'id', autoIncrement: false, indexes: {} },
  aliases: {
    keyPath: ['artifactId', 'alias'],
    autoIncrement: false,
    indexes: { byVersion: { keyPath: ['artifactId', 'index'], unique: false } },
  },
  aliasEvents: { keyPath: 'seq', autoIncrement: true, indexes: { byArtifact: { keyPath: 'artifactId', unique: false } } },
  runs: { keyPath: 'id', autoIncrement: false, indexes: { byProject: { keyPath: 'project', unique: false } } },
  pendingRefs: { keyPath: 'versionId', autoIncrement: false, indexes: {} },
};

export const STORE_NAMES = Object.keys(SCHEMA) as StoreName[];

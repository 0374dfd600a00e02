/**
 * The records every adapter keeps: IndexedDB and the memory store store them as they are
 * (idb/schema.ts adds their object stores), the S3 store maps its JSON documents to and from
 * them (s3-records.ts), and the shared rules and the integrity check work on them.
 *
 * Changing a field the IndexedDB store keeps, or the chunk sizes, needs a step in
 * idb/migrations.ts: data written by earlier releases depends on them.
 */
import type { AliasAction, ArtifactId, JsonObject, ManifestEntry, RunId, RunInfo, RunState, VersionId } from '../domain/types';

/** Manifest entries are stored in path-sorted chunks of this many entries (the last may be shorter). */
export const MANIFEST_CHUNK_ENTRIES = 1000;

/** Blob bytes are stored in pieces of at most this many bytes. */
export const BLOB_CHUNK_BYTES = 4 * 1024 * 1024;

export interface ProjectRecord {
  name: string;
  createdAt: number;
}

/**
 * What an artifact's list row shows of its live versions, kept on the artifact record so that
 * listing a project reads no version records. Every transaction that adds or removes a live
 * version updates it; checkIntegrity recomputes it from the versions.
 */
export interface ArtifactSummary {
  versionCount: number;
  /** Sum of the live versions' sizes. */
  totalSize: number;
  /** Index of the newest live version; null when none is left. */
  latestIndex: number | null;
}

export interface ArtifactRecord {
  /** `${project}/${name}` */
  id: ArtifactId;
  project: string;
  name: string;
  type: string;
  description: string;
  createdAt: number;
  /** The counter for version indices: the next index to hand out; never decreases. */
  nextIndex: number;
  /**
   * Protected alias names, sorted. Optional: records written before it existed have none
   * (a plain property, no index, so no migration step is needed).
   */
  protectedAliases?: string[];
  /** Since schema v2 (migration step 2 built it for older records). */
  summary: ArtifactSummary;
}

/** A live version. Deleting a version removes its record; its index is never handed out again. */
export interface VersionRecord {
  id: VersionId;
  artifactId: ArtifactId;
  project: string;
  artifactName: string;
  type: string;
  index: number;
  digest: string;
  size: number;
  fileCount: number;
  /** Number of manifest chunks written for this version. */
  chunkCount: number;
  createdAt: number;
  description: string;
  /** Without ExactNumbers: with them, JSON.parse's reading of `metadataJson` (for older releases). */
  metadata: JsonObject;
  /** The metadata as exact JSON text, present only when it holds numbers JS cannot keep as written. */
  metadataJson?: string | undefined;
  tags: string[];
  producedBy: RunId | null;
  ttlSeconds: number | null;
}

/**
 * A chunk of a version's manifest: path-sorted (code-point order); chunk n holds entries
 * [n·1000, (n+1)·1000). Written column by column since schema v2 (`ManifestColumns`): cloning
 * a few long strings into IndexedDB costs far less than cloning 1,000 entry objects. Chunks written
 * by v1 hold entry objects (`entries`) and are read as they are (store-rules.ts chunkEntriesOf).
 */
export type ManifestChunkRecord = ManifestRowChunkRecord | ManifestColumnChunkRecord;

export interface ManifestRowChunkRecord {
  versionId: VersionId;
  chunkNo: number;
  entries: ManifestEntry[];
}

export interface ManifestColumnChunkRecord {
  versionId: VersionId;
  chunkNo: number;
  columns: ManifestColumns;
}

/**
 * The entries of a chunk, one column per field, entry i at position i of each. A column of
 * strings is the JSON text of an array: IndexedDB clones one long string far faster than
 * 1,000 short ones.
 */
export interface ManifestColumns {
  /** JSON array of the paths. */
  paths: string;
  /** JSON array of the digests. */
  digests: string;
  /** Entry sizes; -1 for an entry without one. Its length is the chunk's entry count. */
  sizes: Float64Array;
  /** Only when some entry of the chunk has a ref: JSON array, "" for those without. */
  refs?: string;
  /** Only when some entry of the chunk has one: JSON array, "" for those without. */
  birthArtifactIDs?: string;
  /** Only when some entry of the chunk has an extra: JSON array of each entry's extra or null. */
  extras?: string;
}

/**
 * Content-addressed bytes, keyed by the entry digest. `refCount` counts the live versions whose
 * manifest has at least one non-reference entry with this digest (once per version, however
 * many of its entries share the digest), except versions still in `pendingRefs`. A blob nobody
 * references is "staged": garbage collection removes it once `stagedAt` is older than the
 * caller's cut-off.
 */
export interface BlobRecord {
  digest: string;
  size: number;
  refCount: number;
  stagedAt: number;
  /** Pieces in blobChunks; 0 for a packed blob. */
  chunkCount: number;
  /** false while the pieces of a large blob are still being written (or after a crash mid-write). */
  complete: boolean;
  /** Where the bytes of a small blob are: `size` bytes at `offset` of pack `id` (schema v3). */
  pack?: { id: string; offset: number };
}

/** A user alias (never `latest`, which is computed). */
export interface AliasRecord {
  artifactId: ArtifactId;
  alias: string;
  index: number;
}

export interface AliasEventRecord {
  /** Auto-incremented key: events of an artifact read back in the order they happened. */
  seq?: number;
  artifactId: ArtifactId;
  alias: string;
  action: AliasAction;
  fromIndex: number | null;
  toIndex: number | null;
  at: number;
}

export interface RunRecord {
  id: RunId;
  project: string;
  name: string;
  jobType: string;
  state: RunState;
  config: JsonObject;
  startedAt: number;
  finishedAt: number | null;
  inputs: VersionId[];
  /** Added without a schema step: no index uses it, and records without it stay valid. */
  info?: RunInfo;
}

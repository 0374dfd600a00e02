/**
 * What the S3 store's helpers (s3-blobs.ts, s3-deletions.ts, s3-maintenance.ts) need from the
 * store, as small interfaces: the bucket, its key layout and a few reads. They take these
 * instead of the store object, so the store keeps its members private and imports them
 * without a cycle.
 */
import type { Project, Run } from '../../domain/types';
import type { ManifestEntry } from '../../domain/types';
import type { VersionRecord } from '../records';
import type { ObjectClient } from './object-client';
import type { S3Layout } from './s3-layout';
import type { AliasesDoc, ArtifactDoc, VersionDoc } from './s3-records';

/** A version record as read, with the ETag a compare-and-swap needs. */
export interface VersionEntry {
  doc: VersionDoc;
  etag: string;
}

/** One artifact as read from the bucket: every version record (tombstones too), aliases and settings. */
export interface ArtifactState {
  project: string;
  name: string;
  /** Every record by index; the artifact exists when this is not empty. */
  entries: Map<number, VersionEntry>;
  /** Live versions, ascending index. */
  live: VersionRecord[];
  aliases: AliasesDoc;
  /** ETag of aliases.json when it was read; null when it did not exist. */
  aliasesEtag: string | null;
  settings: ArtifactDoc | null;
  nextIndex: number;
}

/** The bucket and how the store uses it. */
export interface S3Bucket {
  readonly client: ObjectClient;
  readonly layout: S3Layout;
  /** Requests in flight for bulk HEAD/PUT/GET. */
  readonly concurrency: number;
  /** The store's clock (record times, staging times). */
  readonly now: () => number;
}

/** What this store instance remembers about blobs, so that known content is not asked for again. */
export interface BlobMemory {
  knowBlob(digest: string, size: number): void;
  forgetBlob(digest: string): void;
  /** True when a HEAD found the blob missing very recently (an upload usually follows hasBlobs). */
  recentlyMissing(digest: string): boolean;
}

/** The reads maintenance needs: every artifact, manifests, projects and runs. */
export interface S3Catalog {
  allStates(): Promise<ArtifactState[]>;
  /** Manifests by artifact digest; null for one that is missing or unreadable. */
  manifestsOf(digests: readonly string[]): Promise<Map<string, ManifestEntry[] | null>>;
  listProjects(): Promise<Project[]>;
  readRuns(project: string): Promise<Run[]>;
}

/** What s3-blobs.ts takes. */
export type BlobContext = S3Bucket & { readonly blobs: BlobMemory };

/** What s3-deletions.ts and s3-maintenance.ts take. */
export type MaintenanceContext = BlobContext & { readonly catalog: S3Catalog };

import type {
  AliasEvent,
  Artifact,
  ArtifactId,
  ArtifactVersion,
  JsonObject,
  ManifestEntry,
  Project,
  Run,
  RunId,
  RunInfo,
  RunState,
  VersionId,
} from '../domain/types';

/**
 * The one interface the UI talks to. Every implementation (IndexedDB, memory, S3) must pass
 * the contract suite in `store/contract.ts`. Methods validate their input and throw AppError.
 */
export interface ArtifactStore {
  /** Stable id of the backing store ('local' or a remote origin); the 2nd segment of every query key. */
  readonly id: string;
  /** What the header shows, e.g. "This browser (IndexedDB)". */
  readonly label: string;
  /**
   * Whether an upload may stage the bytes of small files as soon as they are hashed, before the
   * user commits: where writing is local and cheap to undo (IndexedDB, memory), not for a
   * shared bucket.
   */
  readonly eagerStaging: boolean;
  /** True when the store refuses writes (a bucket or folder that failed the write test); every write then throws. */
  readonly readOnly: boolean;
  /** Why the store is read-only, for the header and the error; absent when it is writable. */
  readonly readOnlyReason?: string;
  /**
   * Where the data lives, so the app can show code that reaches the same store (never
   * credentials). Absent for a store that code cannot be pointed at.
   */
  readonly location?: StoreLocation;

  // Projects and artifacts
  listProjects(): Promise<Project[]>;
  /** Creates the project if missing; validates the name like an artifact name. */
  ensureProject(name: string): Promise<Project>;
  listArtifacts(project: string): Promise<Artifact[]>;
  /** Throws AppError('not-found') when missing. */
  getArtifact(id: ArtifactId): Promise<Artifact>;
  updateArtifact(id: ArtifactId, patch: { description?: string }): Promise<Artifact>;

  // Versions
  /** Live versions, newest first. */
  listVersions(artifactId: ArtifactId): Promise<ArtifactVersion[]>;
  getVersion(id: VersionId): Promise<ArtifactVersion>;
  /** `ref` is `vN` or an alias; throws not-found with a message naming both. */
  resolveVersion(artifactId: ArtifactId, ref: string): Promise<ArtifactVersion>;
  /** The live version of this artifact whose artifact digest equals `digest`, if any. */
  findVersionByDigest(artifactId: ArtifactId, digest: string): Promise<ArtifactVersion | null>;
  updateVersion(id: VersionId, patch: VersionPatch): Promise<ArtifactVersion>;

  // Manifests (entries sorted by path in code-point order)
  readManifest(id: VersionId): Promise<ManifestEntry[]>;
  readManifestPage(id: VersionId, page: { offset: number; limit: number }): Promise<ManifestPage>;

  // Blobs: bytes addressed by their entry digest (base64 md5)
  /** Which of these digests the store already holds (committed or staged). */
  hasBlobs(digests: readonly string[]): Promise<Set<string>>;
  /**
   * Stages blob bytes before a commit. Staged blobs are not referenced by any version; a
   * commit references them, and garbage collection removes those no commit took. Where a store
   * can check cheaply, a small blob it already holds is read back and a damaged copy replaced by
   * the bytes given (verify-on-dedup: uploading the file again heals it).
   */
  putBlobs(blobs: readonly BlobInput[], options?: PutBlobsOptions): Promise<void>;
  readBlob(digest: string): Promise<Blob>;
  /**
   * Replaces the stored copy of `digest` with `blob` once it hashes to the digest (md5, or
   * xxh3-128 for XXH128 entries; else AppError 'digest-mismatch' and nothing changes): heals a
   * copy Verify found damaged or missing. The blob keeps its references.
   */
  repairBlob(digest: string, blob: Blob): Promise<void>;

  /**
   * Atomically logs a version: manifest, blob references, version record and aliases in one
   * step. Content whose artifact digest equals a live version's makes no new version: the
   * requested aliases are added to that version and `created` is false.
   */
  commitVersion(input: CommitInput): Promise<CommitResult>;
  /**
   * Refuses (AppError 'alias-held') a version with aliases other than `latest` unless dropAliases,
   * and (AppError 'alias-protected') a version holding a protected alias in any case.
   */
  deleteVersion(id: VersionId, options?: DeleteOptions): Promise<void>;
  /** deleteVersion for several versions of any artifacts, all or nothing (one refusal names every held alias). */
  deleteVersions(ids: readonly VersionId[], options?: DeleteOptions): Promise<void>;
  /**
   * Deletes the versions whose time to live has run out at `now` (default: the store clock),
   * except those holding aliases other than `latest`, which are kept and reported.
   */
  expireVersions(options?: { now?: number }): Promise<ExpiryResult>;
  /** Logical bytes (sum of version sizes) vs stored bytes (distinct blobs) per project and artifact. */
  storageUsage(project: string): Promise<StorageUsage>;

  // Aliases
  /**
   * Adds `alias` to the version, moving it from whichever version of the artifact held it.
   * Moving a protected alias needs `confirmProtected` (else AppError 'alias-protected').
   */
  setAlias(id: VersionId, alias: string, options?: AliasChangeOptions): Promise<void>;
  /** Removing a protected alias needs `confirmProtected` (else AppError 'alias-protected'). */
  removeAlias(artifactId: ArtifactId, alias: string, options?: AliasChangeOptions): Promise<void>;
  listAliasEvents(artifactId: ArtifactId): Promise<AliasEvent[]>;
  /** Marks an alias name of the artifact protected or not (it need not be held); returns the artifact. */
  setAliasProtected(artifactId: ArtifactId, alias: string, isProtected: boolean): Promise<Artifact>;

  // Runs and lineage
  createRun(input: RunInput): Promise<Run>;
  getRun(id: RunId): Promise<Run>;
  /**
   * Changes a run as it goes: ends it (state from 'running' only; `finishedAt` defaults to the
   * store clock), adds inputs, records info. Throws not-found for an unknown run and 'conflict'
   * when a run that ended would change state or end time. Concurrent updates never lose each
   * other's changes.
   */
  updateRun(id: RunId, patch: RunPatch): Promise<Run>;
  /**
   * Deletes a run. Its outputs (versions it produced) are kept with no producer, or deleted with
   * the delete rules ('alias-held' unless dropAliases; protected aliases always refuse).
   */
  deleteRun(id: RunId, options: DeleteRunOptions): Promise<DeleteRunResult>;
  listRuns(project: string): Promise<Run[]>;
  /** Every live version of the project (for the lineage graph); newest first per artifact. */
  listProjectVersions(project: string): Promise<ArtifactVersion[]>;

  // Maintenance
  /**
   * Removes staged blobs older than `stagedBefore` that no version references; with `digests`,
   * only those among them (what one upload staged, leaving other uploads' staged blobs alone).
   */
  collectGarbage(options: GcOptions): Promise<GcResult>;
  /** Checks every invariant; `ok` is false with the problems listed when one is broken. */
  checkIntegrity(): Promise<IntegrityReport>;
  close(): void;
}

export type StoreLocation =
  /** IndexedDB (or memory): only this browser can reach it. */
  | { readonly kind: 'browser' }
  /** An S3-compatible bucket; `prefix` is '' or ends with "/". */
  | { readonly kind: 's3'; readonly endpoint: string; readonly region: string; readonly bucket: string; readonly prefix: string };

export interface DeleteOptions {
  /** Remove the aliases the versions hold (not protected ones) and delete them. */
  dropAliases?: boolean;
}

export interface AliasChangeOptions {
  /** The user confirmed moving or removing a protected alias (e.g. by typing its name). */
  confirmProtected?: boolean;
}

export interface DeleteRunOptions extends DeleteOptions {
  outputs: 'keep' | 'delete';
}

export interface DeleteRunResult {
  /** Output versions deleted with the run (empty when they were kept). */
  deletedVersions: VersionId[];
  /** Output versions kept, now without a producer. */
  keptVersions: VersionId[];
}

export interface ExpiryResult {
  deleted: VersionId[];
  /** Expired versions kept because they hold aliases, with those aliases. */
  kept: { versionId: VersionId; aliases: string[] }[];
}

export interface VersionStorage {
  versionId: VersionId;
  index: number;
  /** The version's size (sum of its entries, references included). */
  logicalBytes: number;
  /** Bytes deleting only this version would free (blobs no other live version uses). */
  freedBytes: number;
}

export interface ArtifactStorage {
  artifactId: ArtifactId;
  logicalBytes: number;
  storedBytes: number;
  /** Newest first. */
  versions: VersionStorage[];
}

export interface StorageUsage {
  project: string;
  logicalBytes: number;
  /** Distinct blobs the project's versions use (a blob shared with another project counts in both). */
  storedBytes: number;
  artifacts: ArtifactStorage[];
  /** Store-wide: staged bytes no version uses yet (garbage collection frees them). */
  stagedBytes: number;
}

export interface VersionPatch {
  description?: string;
  metadata?: JsonObject;
  tags?: string[];
  ttlSeconds?: number | null;
}

export interface ManifestPage {
  entries: ManifestEntry[];
  total: number;
}

export interface BlobInput {
  /** base64 md5 of the bytes. */
  digest: string;
  blob: Blob;
  /**
   * Optional: the same content already in memory (e.g. the bytes a hash worker read). Where
   * given, an adapter may store these instead of reading `blob` again; they are what `digest`
   * was computed from, so they win should the file behind `blob` have changed since.
   */
  bytes?: ArrayBuffer;
}

export interface PutBlobsOptions {
  signal?: AbortSignal;
  /** Called with bytes written so far (of this call). */
  onProgress?: (bytesWritten: number) => void;
  /** Called with digests the store lacked, before their bytes are written (all at once, or a few at a time). */
  onMissing?: (digests: readonly string[]) => void;
}

export interface CommitInput {
  project: string;
  artifactName: string;
  type: string;
  /** The complete manifest of the new version. Non-reference entries must have their blob stored. */
  entries: readonly ManifestEntry[];
  description?: string;
  metadata?: JsonObject;
  tags?: readonly string[];
  /** Aliases besides `latest`, which the store manages. */
  aliases?: readonly string[];
  producedBy?: RunId | null;
  ttlSeconds?: number | null;
}

export interface CommitResult {
  version: ArtifactVersion;
  /** false when identical content already existed and only aliases were added. */
  created: boolean;
}

export interface RunInput {
  id?: RunId;
  project: string;
  name: string;
  jobType: string;
  config?: JsonObject;
  state?: RunState;
  startedAt?: number;
  finishedAt?: number | null;
  inputs?: readonly VersionId[];
  info?: RunInfo;
}

/** What updateRun changes; fields left out stay as they are. */
export interface RunPatch {
  /**
   * 'running' (no change) or how it ended. A run that ended keeps its state: the same state
   * again is accepted (a retried update), another one is refused.
   */
  state?: RunState;
  /** When it ended (≥ startedAt); null for unknown. Only with an end state, or on a run that ended. */
  finishedAt?: number | null;
  /** Live versions the run used, added to its inputs (inputs only grow; ones it has are ignored). */
  inputs?: readonly VersionId[];
  /** Merged into the run's info: the fields given replace those fields. */
  info?: RunInfo;
}

export interface GcOptions {
  stagedBefore: number;
  digests?: readonly string[];
}

export interface GcResult {
  freedBlobs: number;
  freedBytes: number;
}

export interface IntegrityReport {
  ok: boolean;
  problems: string[];
}

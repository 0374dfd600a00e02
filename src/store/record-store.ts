/**
 * ArtifactStore over a RecordBackend: every store operation, written once for the IndexedDB
 * and the memory adapters. Each mutation is one backend transaction, so it is atomic.
 */
import type {
  AliasEvent,
  Artifact,
  ArtifactId,
  ArtifactVersion,
  ManifestEntry,
  Project,
  Run,
  RunId,
  VersionId,
} from '../domain/types';
import { validateDescription, validateProjectName } from '../domain/validation';
import type {
  AliasChangeOptions,
  ArtifactStore,
  BlobInput,
  DeleteOptions,
  DeleteRunOptions,
  DeleteRunResult,
  ExpiryResult,
  StorageUsage,
  CommitInput,
  CommitResult,
  GcResult,
  IntegrityReport,
  ManifestPage,
  GcOptions,
  PutBlobsOptions,
  RunInput,
  RunPatch,
  StoreLocation,
  VersionPatch,
} from './artifact-store';
import type { RecordBackend } from './record-backend';
import { onlyKey } from './record-backend';
import { toArtifact } from './record-mappers';
import { artifactNotFound, projectNotFound } from './store-errors';
import { defaultRunId } from './store-rules';
import { setAlias, removeAlias, setAliasProtected, listAliasEvents } from './record/record-aliases';
import { hasBlobs, readBlob } from './record/record-blob-reads';
import { repairBlob } from './record/record-blob-repair';
import { PUT_BATCH_BYTES, putBlobs } from './record/record-blob-writes';
import { commitVersion, deleteVersions, expireVersions } from './record/record-commits';
import type { StoreTestHooks, RecordContext } from './record/record-context';
import { storageUsage, collectGarbage, checkIntegrity } from './record/record-maintenance';
import { countPendingRefsIn } from './record/record-refs';
import { createRun, getRun, updateRun, deleteRun, listRuns, listProjectVersions } from './record/record-runs';
import { ensureProjectIn, REF_STORES } from './record/record-tx';
import { listVersions, getVersion, resolveVersion, findVersionByDigest, updateVersion, readManifest, readManifestPage } from './record/record-versions';

export interface RecordStoreOptions {
  id: string;
  label: string;
  now?: () => number;
  newRunId?: () => string;
  testHooks?: StoreTestHooks;
  /** Bytes written per putBlobs transaction (default 8 MiB). */
  putBatchBytes?: number;
  /**
   * Store pieces of at least PIECE_AS_BLOB_BYTES as Blob slices instead of reading them into
   * ArrayBuffers: IndexedDB copies their bytes into its own files when the transaction commits,
   * without passing them through the page's memory or main thread. Only for backends that copy
   * Blobs on write (IndexedDB does); a Map would keep a reference to a file that may change.
   */
  piecesAsBlobs?: boolean;
  /**
   * How long after a commit its blob references are counted into the blob records (default
   * COUNT_REFS_DELAY_MS; see PendingRefsRecord). Operations that need the counts do not wait for
   * it: they count what is pending first.
   */
  countRefsDelayMs?: number;
}

/** Long enough for the screens a commit changed to have read what they show before the count writes. */
export const COUNT_REFS_DELAY_MS = 1000;

export class RecordStore implements ArtifactStore {
  readonly id: string;
  readonly label: string;
  readonly eagerStaging = true;
  /** IndexedDB and memory are always writable (a full disk is reported per write). */
  readonly readOnly = false;
  readonly location: StoreLocation = { kind: 'browser' };
  private readonly backend: RecordBackend;
  private readonly ctx: RecordContext;
  private readonly countRefsDelayMs: number;
  private countRefsTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(backend: RecordBackend, options: RecordStoreOptions) {
    this.backend = backend;
    this.id = options.id;
    this.label = options.label;
    this.countRefsDelayMs = options.countRefsDelayMs ?? COUNT_REFS_DELAY_MS;
    this.ctx = {
      read: (stores, body) => backend.transaction(stores, 'readonly', body),
      write: (stores, body) => backend.transaction(stores, 'readwrite', body),
      now: options.now ?? Date.now,
      newRunId: options.newRunId ?? defaultRunId,
      hooks: options.testHooks ?? {},
      putBatchBytes: options.putBatchBytes ?? PUT_BATCH_BYTES,
      piecesAsBlobs: options.piecesAsBlobs ?? false,
      countRefsSoon: () => this.countRefsSoon(),
    };
  }

  // Projects and artifacts

  async listProjects(): Promise<Project[]> {
    return this.ctx.read(['projects'], (tx) => tx.getAll('projects'));
  }

  async ensureProject(name: string): Promise<Project> {
    const valid = validateProjectName(name);
    return this.ctx.write(['projects'], (tx) => ensureProjectIn(tx, valid, this.ctx.now()));
  }

  /** Reads artifact records only: each carries the summary of its live versions. */
  async listArtifacts(project: string): Promise<Artifact[]> {
    return this.ctx.read(['projects', 'artifacts'], async (tx) => {
      const [projectRecord, artifacts] = await Promise.all([
        tx.get('projects', project),
        tx.getAllFromIndex('artifacts', 'byProject', onlyKey(project)),
      ]);
      if (!projectRecord) throw projectNotFound(project);
      return artifacts.map(toArtifact);
    });
  }

  async getArtifact(id: ArtifactId): Promise<Artifact> {
    return this.ctx.read(['artifacts'], async (tx) => {
      const record = await tx.get('artifacts', id);
      if (!record) throw artifactNotFound(id);
      return toArtifact(record);
    });
  }

  async updateArtifact(id: ArtifactId, patch: { description?: string }): Promise<Artifact> {
    const description = patch.description === undefined ? undefined : validateDescription(patch.description);
    return this.ctx.write(['artifacts'], async (tx) => {
      const record = await tx.get('artifacts', id);
      if (!record) throw artifactNotFound(id);
      const next = description === undefined ? record : { ...record, description };
      await tx.put('artifacts', next);
      return toArtifact(next);
    });
  }

  // Versions

  listVersions(artifactId: ArtifactId): Promise<ArtifactVersion[]> {
    return listVersions(this.ctx, artifactId);
  }

  getVersion(id: VersionId): Promise<ArtifactVersion> {
    return getVersion(this.ctx, id);
  }

  resolveVersion(artifactId: ArtifactId, ref: string): Promise<ArtifactVersion> {
    return resolveVersion(this.ctx, artifactId, ref);
  }

  findVersionByDigest(artifactId: ArtifactId, digest: string): Promise<ArtifactVersion | null> {
    return findVersionByDigest(this.ctx, artifactId, digest);
  }

  updateVersion(id: VersionId, patch: VersionPatch): Promise<ArtifactVersion> {
    return updateVersion(this.ctx, id, patch);
  }

  // Manifests

  readManifest(id: VersionId): Promise<ManifestEntry[]> {
    return readManifest(this.ctx, id);
  }

  readManifestPage(id: VersionId, page: { offset: number; limit: number }): Promise<ManifestPage> {
    return readManifestPage(this.ctx, id, page);
  }

  // Blobs

  hasBlobs(digests: readonly string[]): Promise<Set<string>> {
    return hasBlobs(this.ctx, digests);
  }

  putBlobs(blobs: readonly BlobInput[], options: PutBlobsOptions = {}): Promise<void> {
    return putBlobs(this.ctx, blobs, options);
  }

  repairBlob(digest: string, blob: Blob): Promise<void> {
    return repairBlob(this.ctx, digest, blob);
  }

  readBlob(digest: string): Promise<Blob> {
    return readBlob(this.ctx, digest);
  }

  // Commit and delete

  commitVersion(input: CommitInput): Promise<CommitResult> {
    return commitVersion(this.ctx, input);
  }

  /** Counts pending references a little later, in a transaction of their own (see PendingRefsRecord). */
  private countRefsSoon(): void {
    if (this.countRefsTimer !== null) return;
    this.countRefsTimer = setTimeout(() => {
      this.countRefsTimer = null;
      // On failure they stay pending: the next delete, garbage collection or check counts them.
      this.ctx.write(REF_STORES, countPendingRefsIn).catch(() => undefined);
    }, this.countRefsDelayMs);
  }

  async deleteVersion(id: VersionId, options: DeleteOptions = {}): Promise<void> {
    await this.deleteVersions([id], options);
  }

  deleteVersions(ids: readonly VersionId[], options: DeleteOptions = {}): Promise<void> {
    return deleteVersions(this.ctx, ids, options);
  }

  expireVersions(options: { now?: number } = {}): Promise<ExpiryResult> {
    return expireVersions(this.ctx, options);
  }

  storageUsage(project: string): Promise<StorageUsage> {
    return storageUsage(this.ctx, project);
  }

  // Aliases

  setAlias(id: VersionId, alias: string, options: AliasChangeOptions = {}): Promise<void> {
    return setAlias(this.ctx, id, alias, options);
  }

  removeAlias(artifactId: ArtifactId, alias: string, options: AliasChangeOptions = {}): Promise<void> {
    return removeAlias(this.ctx, artifactId, alias, options);
  }

  setAliasProtected(artifactId: ArtifactId, alias: string, isProtected: boolean): Promise<Artifact> {
    return setAliasProtected(this.ctx, artifactId, alias, isProtected);
  }

  /** Oldest first. */
  listAliasEvents(artifactId: ArtifactId): Promise<AliasEvent[]> {
    return listAliasEvents(this.ctx, artifactId);
  }

  // Runs and lineage

  createRun(input: RunInput): Promise<Run> {
    return createRun(this.ctx, input);
  }

  getRun(id: RunId): Promise<Run> {
    return getRun(this.ctx, id);
  }

  updateRun(id: RunId, patch: RunPatch): Promise<Run> {
    return updateRun(this.ctx, id, patch);
  }

  deleteRun(id: RunId, options: DeleteRunOptions): Promise<DeleteRunResult> {
    return deleteRun(this.ctx, id, options);
  }

  /** Newest first. */
  listRuns(project: string): Promise<Run[]> {
    return listRuns(this.ctx, project);
  }

  listProjectVersions(project: string): Promise<ArtifactVersion[]> {
    return listProjectVersions(this.ctx, project);
  }

  // Maintenance

  collectGarbage(options: GcOptions): Promise<GcResult> {
    return collectGarbage(this.ctx, options);
  }

  checkIntegrity(): Promise<IntegrityReport> {
    return checkIntegrity(this.ctx);
  }

  close(): void {
    if (this.countRefsTimer !== null) clearTimeout(this.countRefsTimer);
    this.countRefsTimer = null;
    this.backend.close();
  }
}

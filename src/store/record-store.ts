/**
 * ArtifactStore over a RecordBackend: every store operation, written once for the IndexedDB
 * and the memory adapters. Each mutation is one backend transaction, so it is atomic.
 */
import { accountStorage, expiredVersions, protectedAliasError } from '../domain/aliases';
import { artifactDigest } from '../domain/digest';
import { AppError } from '../domain/errors';
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
import { artifactIdOf, versionIdOf } from '../domain/types';
import { validateAlias, validateExistingAlias, validateDescription, validateProjectName } from '../domain/validation';
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
import type { BlobChunkRecord, PackRecord, StoreName } from './idb/schema';
import type { AliasRecord, ArtifactRecord, BlobRecord, VersionRecord } from './records';
import { PACK_BYTES, PACKED_BLOB_MAX_BYTES, STORE_NAMES } from './idb/schema';
import { BLOB_CHUNK_BYTES, MANIFEST_CHUNK_ENTRIES } from './records';
import { assertRepairBytes, blobMatchesDigest, sameBytes } from './blob-bytes';
import { findIntegrityProblems } from './integrity';
import type { RecordBackend, RecordTx } from './record-backend';
import { onlyKey, prefixRange } from './record-backend';
import { projectIdBounds, summaryWithVersion, toArtifact, toArtifactVersion, metadataRecordFields, EMPTY_SUMMARY } from './record-mappers';
import { blobDigestsOf, chunkEntriesOf, chunkSpan, manifestTotals, toManifestChunks, withBlobSizes } from './manifest-chunks';
import { artifactNotFound, missingBlobError, projectNotFound, runNotFound, typeMismatchError, versionNotFound } from './store-errors';
import { applyRunPatch, parseVersionRef, splitVersionId, validateCommitInput, validGcOptions, validatePage, validateRunInput, validateRunPatch, validateVersionPatch } from './store-validation';
import { refuseAliasHolders, defaultRunId, noVersionOrAliasError, patchedVersion, putCancelledError, noBlobBytesError, validExpiryTime, noAliasError, withProtection, runExistsError, runInputNotLiveError, validRunOutputs } from './store-rules';

/** Seams for tests: called inside transactions, so throwing from them aborts the operation. */
export interface StoreTestHooks {
  /** Called after a commit wrote everything, just before its transaction ends. */
  afterCommitWrites?: (versionId: VersionId) => void;
  /** Called after each batch of blob bytes is stored (its transaction done), with bytes so far of all. */
  afterBlobBatch?: (bytesWritten: number, bytesTotal: number) => void;
}

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

const PUT_BATCH_BYTES = 8 * 1024 * 1024;
/** Records per putBlobs transaction when the blobs are small. */
const PUT_BATCH_RECORDS = 2000;
/** Pieces this big are stored as Blob slices when `piecesAsBlobs` (smaller ones: one file each would cost more). */
const PIECE_AS_BLOB_BYTES = 256 * 1024;
/** Bytes of Blob-slice pieces per putBlobs transaction (they hold no memory; this sets the progress step). */
const PUT_BATCH_BLOB_BYTES = 16 * 1024 * 1024;
/** Pieces read per readBlob transaction (64 MiB). */
const READ_BATCH_PIECES = 16;

const COMMIT_STORES: StoreName[] = ['projects', 'artifacts', 'versions', 'manifestChunks', 'blobs', 'aliases', 'aliasEvents', 'runs', 'pendingRefs'];
const BLOB_STORES: StoreName[] = ['blobs', 'blobChunks', 'packs'];
/** What counting pending references takes (countPendingRefsIn). */
const REF_STORES: StoreName[] = ['pendingRefs', 'manifestChunks', 'blobs'];
const GC_STORES: StoreName[] = [...BLOB_STORES, 'pendingRefs', 'manifestChunks'];
const DELETE_STORES: StoreName[] = ['artifacts', 'versions', 'manifestChunks', ...BLOB_STORES, 'aliases', 'aliasEvents', 'pendingRefs'];
const ALIAS_STORES: StoreName[] = ['artifacts', 'versions', 'aliases', 'aliasEvents'];

/** Pending writes of putBlobs, flushed in one transaction. */
interface PutBatch {
  /** Pieces: in memory, still being read (small ones are read concurrently, before the transaction), or Blob slices. */
  pieces: { digest: string; i: number; data: ArrayBuffer | Promise<ArrayBuffer> | Blob }[];
  /** Small blobs to store in packs: their bytes, in memory or still being read. */
  packed: { digest: string; size: number; data: ArrayBuffer | Promise<ArrayBuffer> }[];
  /** Blob records to write after the pieces; `verify` checks that every piece is there. */
  blobs: { record: BlobRecord; verify: boolean }[];
  /** Bytes read into memory. */
  bytes: number;
  /** Bytes of pieces kept as Blob slices. */
  blobBytes: number;
}

function emptyBatch(): PutBatch {
  return { pieces: [], packed: [], blobs: [], bytes: 0, blobBytes: 0 };
}

function newPackId(): string {
  return crypto.randomUUID();
}

/**
 * Packs the small blobs of one batch: up to PACK_BYTES each, with the blob records that point
 * into them (pack members are fixed when the transaction knows which records it writes).
 */
function toPacks(
  packed: readonly { digest: string; size: number; data: ArrayBuffer }[],
  record: (digest: string, size: number, pack: { id: string; offset: number }) => BlobRecord,
): { pack: PackRecord; records: BlobRecord[] }[] {
  const out: { pack: PackRecord; records: BlobRecord[] }[] = [];
  let parts: ArrayBuffer[] = [];
  let records: BlobRecord[] = [];
  let id = newPackId();
  let offset = 0;
  const close = () => {
    if (parts.length === 0) return;
    // One part: a Blob made of hundreds of small parts costs the page far more to build.
    const bytes = new Uint8Array(offset);
    let at = 0;
    for (const part of parts) {
      bytes.set(new Uint8Array(part), at);
      at += part.byteLength;
    }
    out.push({ pack: { id, data: new Blob([bytes]), members: [] }, records });
    parts = [];
    records = [];
    id = newPackId();
    offset = 0;
  };
  for (const { digest, size, data } of packed) {
    if (data.byteLength !== size) throw new AppError('internal', `blob ${digest}: read ${data.byteLength} bytes, ${size} expected; was the file changed?`);
    records.push(record(digest, size, { id, offset }));
    parts.push(data);
    offset += size;
    if (offset >= PACK_BYTES) close();
  }
  close();
  return out;
}

/**
 * Requests of one transaction are issued in groups of at most REQUEST_SLICE_MS of the page's
 * time (issuing one costs ~0.1 ms, several times that on a loaded machine: 2,000 at once were
 * one long task that froze the UI); between groups the page gets back to its event loop while
 * the transaction stays open.
 */
const REQUEST_SLICE_MS = 15;
/** Bounds of a group whatever the clock says: tiny groups would wait on a round trip each. */
const MIN_REQUESTS_PER_GROUP = 50;
const MAX_REQUESTS_PER_GROUP = 1000;
/** Groups in flight at once: the next is issued while the database still works on the last. */
const GROUPS_IN_FLIGHT = 2;

/** Runs `request` for every item in time-sliced groups (see above); results in item order. */
async function inGroups<T, R>(items: readonly T[], request: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  const pending: Promise<R[]>[] = [];
  let next = 0;
  while (next < items.length) {
    if (pending.length >= GROUPS_IN_FLIGHT) out.push(...(await (pending.shift() ?? [])));
    const started = performance.now();
    const requests: Promise<R>[] = [];
    while (
      next < items.length &&
      requests.length < MAX_REQUESTS_PER_GROUP &&
      (requests.length < MIN_REQUESTS_PER_GROUP || performance.now() - started < REQUEST_SLICE_MS)
    ) {
      requests.push(request(items[next++] as T));
    }
    const group = Promise.all(requests);
    group.catch(() => undefined); // a failure surfaces where the group is awaited; the later groups fail with the transaction
    pending.push(group);
  }
  for (const group of pending) out.push(...(await group));
  return out;
}

// The transaction helpers below await only `tx` operations (see record-backend.ts).

async function ensureProjectIn(tx: RecordTx, name: string, at: number): Promise<Project> {
  const existing = await tx.get('projects', name);
  if (existing) return existing;
  const project = { name, createdAt: at };
  await tx.put('projects', project);
  return project;
}

async function requireProject(tx: RecordTx, name: string): Promise<void> {
  if (!(await tx.get('projects', name))) throw projectNotFound(name);
}

async function latestIndexIn(tx: RecordTx, artifactId: ArtifactId): Promise<number | null> {
  const last = await tx.lastFromIndex('versions', 'byArtifact', prefixRange([artifactId]));
  return last ? last.index : null;
}

async function toVersionIn(tx: RecordTx, record: VersionRecord): Promise<ArtifactVersion> {
  const [aliases, latest] = await Promise.all([
    tx.getAllFromIndex('aliases', 'byVersion', onlyKey([record.artifactId, record.index])),
    latestIndexIn(tx, record.artifactId),
  ]);
  return toArtifactVersion(record, aliases.map((a) => a.alias), latest);
}

/** Versions of one or more artifacts with their aliases; `latest` per artifact. */
function toVersions(records: readonly VersionRecord[], aliases: readonly AliasRecord[]): ArtifactVersion[] {
  const aliasesOf = new Map<string, string[]>();
  for (const a of aliases) {
    const key = `${a.artifactId}:${a.index}`;
    const list = aliasesOf.get(key);
    if (list) list.push(a.alias);
    else aliasesOf.set(key, [a.alias]);
  }
  const latest = new Map<string, number>();
  for (const v of records) {
    const current = latest.get(v.artifactId);
    if (current === undefined || v.index > current) latest.set(v.artifactId, v.index);
  }
  return records.map((v) => toArtifactVersion(v, aliasesOf.get(`${v.artifactId}:${v.index}`) ?? [], latest.get(v.artifactId) ?? null));
}

async function getVersionRecordIn(tx: RecordTx, id: VersionId): Promise<VersionRecord> {
  const { artifactId, index } = splitVersionId(id);
  const record = await tx.get('versions', id);
  if (record) return record;
  const artifact = await tx.get('artifacts', artifactId);
  throw versionNotFound(id, artifact !== undefined && index < artifact.nextIndex);
}

/** With at least this many digests to look up, reading the whole blob store's keys may be cheaper. */
const BULK_READ_MIN = 1000;
/** …when the store holds at most this many times as many blobs (10,000 keys read in ~10 ms, 10,000 gets ~500 ms). */
const BULK_READ_RATIO = 20;

/**
 * The blob records of these digests. Many lookups against a store not much bigger than them
 * read the store's keys first (IndexedDB pays per request): then only the digests present are
 * read, or every record at once when they are most of the store, and `all` holds every digest
 * of the store, which lets deleteBlobsIn delete in ranges.
 */
async function getBlobsIn(tx: RecordTx, digests: readonly string[]): Promise<{ found: Map<string, BlobRecord>; all: string[] | null }> {
  const found = new Map<string, BlobRecord>();
  const add = (record: BlobRecord | undefined) => {
    if (record) found.set(record.digest, record);
  };
  if (digests.length >= BULK_READ_MIN && digests.length * BULK_READ_RATIO >= (await tx.count('blobs'))) {
    const all = await tx.getAllKeys('blobs');
    const wanted = new Set(digests);
    const present = all.filter((d) => wanted.has(d));
    if (present.length * 4 >= all.length) {
      for (const record of await tx.getAll('blobs')) if (wanted.has(record.digest)) add(record);
    } else {
      (await inGroups(present, (d) => tx.get('blobs', d))).forEach(add);
    }
    return { found, all };
  }
  (await inGroups(digests, (d) => tx.get('blobs', d))).forEach(add);
  return { found, all: null };
}

/** The blobs a stored version's manifest uses, each once: what its reference counts for. */
async function usedBlobsIn(tx: RecordTx, versionId: string): Promise<string[]> {
  const chunks = await tx.getAll('manifestChunks', prefixRange([versionId]));
  return [...blobDigestsOf(chunks.flatMap((c) => chunkEntriesOf(c))).keys()];
}

/** How many versions with pending references (PendingRefsRecord) use each blob, and which versions those are. */
async function pendingUsesIn(tx: RecordTx): Promise<{ versionIds: string[]; uses: Map<string, number> }> {
  const versionIds = await tx.getAllKeys('pendingRefs');
  const used = await Promise.all(versionIds.map((id) => usedBlobsIn(tx, id)));
  const uses = new Map<string, number>();
  for (const digest of used.flat()) uses.set(digest, (uses.get(digest) ?? 0) + 1);
  return { versionIds, uses };
}

/**
 * Counts the pending references into the blob records. Every transaction that changes
 * reference counts or deletes blobs does this first (it needs REF_STORES), so that it sees
 * every live version's references.
 */
async function countPendingRefsIn(tx: RecordTx): Promise<void> {
  const { versionIds, uses } = await pendingUsesIn(tx);
  if (versionIds.length === 0) return;
  const { found } = await getBlobsIn(tx, [...uses.keys()]);
  await Promise.all([
    // In groups (see inGroups): 10,000 puts at once were a 1 s long task.
    inGroups([...found.values()], (b) => tx.put('blobs', { ...b, refCount: b.refCount + (uses.get(b.digest) ?? 0) })),
    ...versionIds.map((id) => tx.delete('pendingRefs', id)),
  ]);
}

/**
 * How many versions use `digest`, counted from their manifests: for a blob whose record is gone,
 * so that its repaired copy gets its references back. Pending references are counted first, so
 * that they are not added again later.
 */
async function referencesFromManifestsIn(tx: RecordTx, digest: string): Promise<number> {
  await countPendingRefsIn(tx);
  const users = new Set<string>();
  for (const chunk of await tx.getAll('manifestChunks')) {
    if (blobDigestsOf(chunkEntriesOf(chunk)).has(digest)) users.add(chunk.versionId);
  }
  return users.size;
}

/** Takes deleted blobs out of their packs; a pack left with no member goes. */
async function dropPackMembersIn(tx: RecordTx, doomed: readonly BlobRecord[]): Promise<void> {
  const goneByPack = new Map<string, Set<string>>();
  for (const { digest, pack } of doomed) {
    if (!pack) continue;
    const gone = goneByPack.get(pack.id) ?? new Set<string>();
    gone.add(digest);
    goneByPack.set(pack.id, gone);
  }
  if (goneByPack.size === 0) return;
  const packs = await inGroups([...goneByPack.keys()], (id) => tx.get('packs', id));
  await inGroups(packs, (pack) => {
    if (!pack) return Promise.resolve();
    const gone = goneByPack.get(pack.id);
    const members = pack.members.filter((d) => !gone?.has(d));
    return members.length === 0 ? tx.delete('packs', pack.id) : tx.put('packs', { ...pack, members });
  });
}

/**
 * Deletes blob records and their pieces (or their share of a pack). Given every digest of the
 * store (in key order), runs of neighbouring doomed digests go in two range deletes; otherwise
 * each blob is deleted by exact keys.
 */
async function deleteBlobsIn(tx: RecordTx, doomed: readonly BlobRecord[], allInKeyOrder: readonly string[] | null): Promise<void> {
  await dropPackMembersIn(tx, doomed);
  const byDigest = new Map(doomed.map((b) => [b.digest, b]));
  const one = (blob: BlobRecord) => {
    const requests: Promise<void>[] = [tx.delete('blobs', blob.digest)];
    for (let i = 0; i < blob.chunkCount; i++) requests.push(tx.delete('blobChunks', [blob.digest, i]));
    return requests;
  };
  if (!allInKeyOrder) {
    await Promise.all(doomed.flatMap(one));
    return;
  }
  const requests: Promise<void>[] = [];
  let run: BlobRecord[] = [];
  const endRun = () => {
    const first = run[0];
    const last = run.at(-1);
    if (run.length === 1 && first) requests.push(...one(first));
    else if (first && last) {
      requests.push(tx.deleteRange('blobs', { lower: first.digest, upper: last.digest }));
      requests.push(tx.deleteRange('blobChunks', { lower: [first.digest], upper: [last.digest, []] }));
    }
    run = [];
  };
  for (const digest of allInKeyOrder) {
    const blob = byDigest.get(digest);
    if (blob) run.push(blob);
    else endRun();
  }
  endRun();
  await Promise.all(requests);
}

/**
 * Puts `alias` on version `toIndex`, moving it from the version that held it, and logs the event.
 * Moving a protected alias needs `confirmProtected`.
 */
async function moveAliasIn(
  tx: RecordTx,
  artifact: Pick<ArtifactRecord, 'id' | 'protectedAliases'>,
  alias: string,
  toIndex: number,
  at: number,
  confirmProtected = false,
): Promise<void> {
  const artifactId = artifact.id;
  const current = await tx.get('aliases', [artifactId, alias]);
  if (current?.index === toIndex) return;
  if (current && !confirmProtected && (artifact.protectedAliases ?? []).includes(alias)) {
    throw protectedAliasError(alias, artifactId, 'move');
  }
  await tx.put('aliases', { artifactId, alias, index: toIndex });
  await tx.put('aliasEvents', {
    artifactId,
    alias,
    action: current ? 'move' : 'add',
    fromIndex: current ? current.index : null,
    toIndex,
    at,
  });
}

/**
 * Deletes live versions in one transaction: refuses protected aliases always and other aliases
 * unless `dropAliases` (one refusal naming every version and alias), then frees the blobs whose
 * last reference goes. Versions are handled one after another so shared blobs count right.
 */
async function deleteVersionsIn(tx: RecordTx, records: readonly VersionRecord[], dropAliases: boolean, at: number): Promise<void> {
  await countPendingRefsIn(tx);
  const held = await Promise.all(records.map((r) => tx.getAllFromIndex('aliases', 'byVersion', onlyKey([r.artifactId, r.index]))));
  const artifactIds = [...new Set(records.map((r) => r.artifactId))];
  const artifacts = new Map((await Promise.all(artifactIds.map((a) => tx.get('artifacts', a)))).flatMap((a) => (a ? [[a.id, a] as const] : [])));
  refuseAliasHolders(
    records.map((record, i) => ({
      record,
      aliases: (held[i] ?? []).map((a) => a.alias),
      protectedAliases: artifacts.get(record.artifactId)?.protectedAliases ?? [],
    })),
    dropAliases,
  );
  for (const [i, record] of records.entries()) {
    for (const a of held[i] ?? []) {
      await tx.delete('aliases', [a.artifactId, a.alias]);
      await tx.put('aliasEvents', { artifactId: a.artifactId, alias: a.alias, action: 'remove', fromIndex: a.index, toIndex: null, at });
    }
    const digests = await usedBlobsIn(tx, record.id);
    await tx.deleteRange('manifestChunks', prefixRange([record.id]));
    await tx.delete('versions', record.id);
    const blobs = await getBlobsIn(tx, digests);
    const freed: BlobRecord[] = [];
    const kept: Promise<void>[] = [];
    for (const b of blobs.found.values()) {
      if (b.refCount > 1) kept.push(tx.put('blobs', { ...b, refCount: b.refCount - 1 }));
      else freed.push(b);
    }
    await Promise.all([...kept, deleteBlobsIn(tx, freed, blobs.all)]);
  }
  await updateSummariesAfterDelete(tx, artifacts, records);
}

/** Takes deleted versions out of their artifacts' summaries (in the deleting transaction). */
async function updateSummariesAfterDelete(
  tx: RecordTx,
  artifacts: ReadonlyMap<ArtifactId, ArtifactRecord>,
  deleted: readonly VersionRecord[],
): Promise<void> {
  const next = new Map<ArtifactId, ArtifactRecord>();
  for (const record of deleted) {
    const artifact = next.get(record.artifactId) ?? artifacts.get(record.artifactId);
    if (!artifact) continue;
    const { versionCount, totalSize, latestIndex } = artifact.summary;
    next.set(artifact.id, { ...artifact, summary: { versionCount: versionCount - 1, totalSize: totalSize - record.size, latestIndex } });
  }
  await Promise.all(
    [...next.values()].map(async (artifact) => {
      // The newest version may have gone: ask the index for the newest that is left.
      const latestIndex = await latestIndexIn(tx, artifact.id);
      await tx.put('artifacts', { ...artifact, summary: { ...artifact.summary, latestIndex } });
    }),
  );
}

export class RecordStore implements ArtifactStore {
  readonly id: string;
  readonly label: string;
  readonly eagerStaging = true;
  /** IndexedDB and memory are always writable (a full disk is reported per write). */
  readonly readOnly = false;
  readonly location: StoreLocation = { kind: 'browser' };
  private readonly backend: RecordBackend;
  private readonly now: () => number;
  private readonly newRunId: () => string;
  private readonly hooks: StoreTestHooks;
  private readonly putBatchBytes: number;
  private readonly piecesAsBlobs: boolean;
  private readonly countRefsDelayMs: number;
  private countRefsTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(backend: RecordBackend, options: RecordStoreOptions) {
    this.backend = backend;
    this.id = options.id;
    this.label = options.label;
    this.now = options.now ?? Date.now;
    this.newRunId = options.newRunId ?? defaultRunId;
    this.hooks = options.testHooks ?? {};
    this.putBatchBytes = options.putBatchBytes ?? PUT_BATCH_BYTES;
    this.piecesAsBlobs = options.piecesAsBlobs ?? false;
    this.countRefsDelayMs = options.countRefsDelayMs ?? COUNT_REFS_DELAY_MS;
  }

  private read<T>(stores: readonly StoreName[], body: (tx: RecordTx) => Promise<T>): Promise<T> {
    return this.backend.transaction(stores, 'readonly', body);
  }

  private write<T>(stores: readonly StoreName[], body: (tx: RecordTx) => Promise<T>): Promise<T> {
    return this.backend.transaction(stores, 'readwrite', body);
  }

  // Projects and artifacts

  async listProjects(): Promise<Project[]> {
    return this.read(['projects'], (tx) => tx.getAll('projects'));
  }

  async ensureProject(name: string): Promise<Project> {
    const valid = validateProjectName(name);
    return this.write(['projects'], (tx) => ensureProjectIn(tx, valid, this.now()));
  }

  /** Reads artifact records only: each carries the summary of its live versions. */
  async listArtifacts(project: string): Promise<Artifact[]> {
    return this.read(['projects', 'artifacts'], async (tx) => {
      const [projectRecord, artifacts] = await Promise.all([
        tx.get('projects', project),
        tx.getAllFromIndex('artifacts', 'byProject', onlyKey(project)),
      ]);
      if (!projectRecord) throw projectNotFound(project);
      return artifacts.map(toArtifact);
    });
  }

  async getArtifact(id: ArtifactId): Promise<Artifact> {
    return this.read(['artifacts'], async (tx) => {
      const record = await tx.get('artifacts', id);
      if (!record) throw artifactNotFound(id);
      return toArtifact(record);
    });
  }

  async updateArtifact(id: ArtifactId, patch: { description?: string }): Promise<Artifact> {
    const description = patch.description === undefined ? undefined : validateDescription(patch.description);
    return this.write(['artifacts'], async (tx) => {
      const record = await tx.get('artifacts', id);
      if (!record) throw artifactNotFound(id);
      const next = description === undefined ? record : { ...record, description };
      await tx.put('artifacts', next);
      return toArtifact(next);
    });
  }

  // Versions

  async listVersions(artifactId: ArtifactId): Promise<ArtifactVersion[]> {
    return this.read(['artifacts', 'versions', 'aliases'], async (tx) => {
      const [artifact, versions, aliases] = await Promise.all([
        tx.get('artifacts', artifactId),
        tx.getAllFromIndex('versions', 'byArtifact', prefixRange([artifactId])),
        tx.getAll('aliases', prefixRange([artifactId])),
      ]);
      if (!artifact) throw artifactNotFound(artifactId);
      return toVersions(versions, aliases).reverse();
    });
  }

  async getVersion(id: VersionId): Promise<ArtifactVersion> {
    return this.read(['artifacts', 'versions', 'aliases'], async (tx) => toVersionIn(tx, await getVersionRecordIn(tx, id)));
  }

  async resolveVersion(artifactId: ArtifactId, ref: string): Promise<ArtifactVersion> {
    const parsed = parseVersionRef(ref);
    return this.read(['artifacts', 'versions', 'aliases'], async (tx) => {
      let record: VersionRecord | undefined;
      if (parsed.kind === 'index') {
        record = (await tx.getAllFromIndex('versions', 'byArtifact', onlyKey([artifactId, parsed.index])))[0];
      } else if (parsed.kind === 'latest') {
        record = await tx.lastFromIndex('versions', 'byArtifact', prefixRange([artifactId]));
      } else {
        const alias = await tx.get('aliases', [artifactId, parsed.alias]);
        if (alias) record = (await tx.getAllFromIndex('versions', 'byArtifact', onlyKey([artifactId, alias.index])))[0];
      }
      if (record) return toVersionIn(tx, record);
      if (!(await tx.get('artifacts', artifactId))) throw artifactNotFound(artifactId);
      throw noVersionOrAliasError(artifactId, ref);
    });
  }

  async findVersionByDigest(artifactId: ArtifactId, digest: string): Promise<ArtifactVersion | null> {
    return this.read(['versions', 'aliases'], async (tx) => {
      const record = (await tx.getAllFromIndex('versions', 'byDigest', onlyKey([artifactId, digest])))[0];
      return record ? toVersionIn(tx, record) : null;
    });
  }

  async updateVersion(id: VersionId, patch: VersionPatch): Promise<ArtifactVersion> {
    const valid = validateVersionPatch(patch);
    return this.write(['artifacts', 'versions', 'aliases'], async (tx) => {
      const record = await getVersionRecordIn(tx, id);
      const next = patchedVersion(record, valid);
      await tx.put('versions', next);
      return toVersionIn(tx, next);
    });
  }

  // Manifests

  async readManifest(id: VersionId): Promise<ManifestEntry[]> {
    return this.read(['artifacts', 'versions', 'manifestChunks'], async (tx) => {
      await getVersionRecordIn(tx, id);
      const chunks = await tx.getAll('manifestChunks', prefixRange([id]));
      return chunks.flatMap((c) => chunkEntriesOf(c));
    });
  }

  async readManifestPage(id: VersionId, page: { offset: number; limit: number }): Promise<ManifestPage> {
    const { offset, limit } = validatePage(page);
    return this.read(['artifacts', 'versions', 'manifestChunks'], async (tx) => {
      const record = await getVersionRecordIn(tx, id);
      const span = chunkSpan(offset, limit, record.fileCount);
      if (!span) return { entries: [], total: record.fileCount };
      const chunks = await tx.getAll('manifestChunks', { lower: [id, span.first], upper: [id, span.last] });
      // Decode only the entries of the page: [offset, offset + limit) across the chunks.
      const entries = chunks.flatMap((c) => {
        const base = c.chunkNo * MANIFEST_CHUNK_ENTRIES;
        return chunkEntriesOf(c, Math.max(0, offset - base), offset + limit - base);
      });
      return { entries, total: record.fileCount };
    });
  }

  // Blobs

  async hasBlobs(digests: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(digests)];
    return this.read(['blobs'], async (tx) => {
      const { found } = await getBlobsIn(tx, unique);
      return new Set([...found.values()].filter((r) => r.complete).map((r) => r.digest));
    });
  }

  async putBlobs(blobs: readonly BlobInput[], options: PutBlobsOptions = {}): Promise<void> {
    const { signal, onProgress, onMissing } = options;
    // Bytes already in memory (read while hashing) are stored as they are: no second read.
    const unique = new Map<string, { blob: Blob; bytes: ArrayBuffer | undefined; size: number }>();
    for (const { digest, blob, bytes } of blobs) {
      if (typeof digest !== 'string' || digest === '') throw new AppError('invalid-manifest', 'a blob needs a non-empty digest');
      if (!unique.has(digest)) unique.set(digest, { blob, bytes, size: bytes ? bytes.byteLength : blob.size });
    }
    let total = 0;
    for (const { size } of unique.values()) total += size;
    if (signal?.aborted) throw putCancelledError(0, total);

    // Which are missing; staged ones we already hold get a fresh stagedAt so that GC spares them.
    const held: BlobRecord[] = [];
    const missing = await this.write(['blobs'], async (tx) => {
      const at = this.now();
      const { found: records } = await getBlobsIn(tx, [...unique.keys()]);
      const out: string[] = [];
      const touched: BlobRecord[] = [];
      for (const digest of unique.keys()) {
        const record = records.get(digest);
        if (!record?.complete) out.push(digest);
        else {
          if (record.refCount === 0) touched.push({ ...record, stagedAt: at });
          if (record.size > 0 && record.size <= PACKED_BLOB_MAX_BYTES) held.push(record);
        }
      }
      await inGroups(touched, (record) => tx.put('blobs', record));
      return out;
    });
    if (missing.length > 0) onMissing?.(missing);
    // Verify-on-dedup: a small copy already stored is read back; one damaged since is replaced by the bytes given.
    const damaged = await this.damagedCopies(held, unique);
    if (damaged.length > 0) await this.replaceSmallBlobs(damaged);

    let written = 0;
    let batch = emptyBatch();
    // Blobs whose pieces span transactions: their incomplete record is stored, the complete one not yet.
    const open = new Set<string>();
    const flush = async () => {
      if (batch.pieces.length === 0 && batch.blobs.length === 0 && batch.packed.length === 0) return;
      const current = batch;
      batch = emptyBatch();
      // Read before the transaction opens: awaiting this inside one would commit it early.
      const [pieces, packed] = await Promise.all([
        Promise.all(current.pieces.map(async ({ digest, i, data }): Promise<BlobChunkRecord> => ({ digest, i, data: data instanceof Blob ? data : await data }))),
        Promise.all(current.packed.map(async ({ digest, size, data }) => ({ digest, size, data: await data }))),
      ]);
      const at = this.now();
      const packs = toPacks(packed, (digest, size, pack) => ({ digest, size, refCount: 0, stagedAt: at, chunkCount: 0, complete: true, pack }));
      if (signal?.aborted) throw putCancelledError(written, total);
      await this.write(BLOB_STORES, async (tx) => {
        // Requests go out in groups (see inGroups): one after the other would cost a round trip each, all at once a long task.
        await inGroups(pieces, (p) => tx.put('blobChunks', p));
        const packedRecords = packs.flatMap((p) => p.records);
        const { found: existing } = await getBlobsIn(tx, [...current.blobs.map(({ record }) => record.digest), ...packedRecords.map((r) => r.digest)]);
        // Stored meanwhile by another call: keep its record (and refCount); its bytes in our pack go unused.
        const storedMeanwhile = (digest: string) => existing.get(digest)?.complete === true;
        const counts = await inGroups(current.blobs, ({ record, verify }) =>
          verify && !storedMeanwhile(record.digest) ? tx.count('blobChunks', prefixRange([record.digest])) : Promise.resolve(record.chunkCount),
        );
        const puts: BlobRecord[] = [];
        current.blobs.forEach(({ record }, k) => {
          if (storedMeanwhile(record.digest)) return;
          if (counts[k] !== record.chunkCount) {
            throw new AppError('internal', `blob ${record.digest} lost pieces while it was being written (garbage collected meanwhile?); retry`);
          }
          puts.push(record);
        });
        const packPuts: PackRecord[] = [];
        for (const { pack, records } of packs) {
          const members = records.filter((r) => !storedMeanwhile(r.digest));
          if (members.length === 0) continue;
          packPuts.push({ ...pack, members: members.map((r) => r.digest) });
          puts.push(...members);
        }
        await Promise.all([inGroups(packPuts, (pack) => tx.put('packs', pack)), inGroups(puts, (record) => tx.put('blobs', record))]);
      });
      for (const { record } of current.blobs) {
        if (record.complete) open.delete(record.digest);
        else open.add(record.digest);
      }
      written += current.bytes + current.blobBytes;
      onProgress?.(written);
      this.hooks.afterBlobBatch?.(written, total);
    };
    const full = () =>
      batch.bytes >= this.putBatchBytes ||
      batch.blobBytes >= PUT_BATCH_BLOB_BYTES ||
      batch.pieces.length + batch.blobs.length + batch.packed.length >= PUT_BATCH_RECORDS;

    try {
      for (const digest of missing) {
        const input = unique.get(digest);
        if (!input) continue;
        const { blob, bytes, size } = input;
        if (size > 0 && size <= PACKED_BLOB_MAX_BYTES) {
          if (signal?.aborted) throw putCancelledError(written, total);
          // Read concurrently with the rest of the batch (flush() awaits it), unless already in memory.
          const data = bytes ?? blob.arrayBuffer();
          if (data instanceof Promise) data.catch(() => undefined); // a failure surfaces in flush(), which awaits it
          batch.packed.push({ digest, size, data });
          batch.bytes += size;
          if (full()) await flush();
          continue;
        }
        const chunkCount = Math.ceil(size / BLOB_CHUNK_BYTES);
        const record = (complete: boolean): BlobRecord => ({ digest, size, refCount: 0, stagedAt: this.now(), chunkCount, complete });
        if (chunkCount === 0) batch.blobs.push({ record: record(true), verify: false });
        for (let i = 0; i < chunkCount; i++) {
          if (signal?.aborted) throw putCancelledError(written, total);
          const start = i * BLOB_CHUNK_BYTES;
          const end = Math.min(start + BLOB_CHUNK_BYTES, size);
          if (bytes) {
            batch.pieces.push({ digest, i, data: chunkCount === 1 ? bytes : bytes.slice(start, end) });
            batch.bytes += end - start;
          } else {
            // A one-piece blob is used whole: slicing a File costs a synchronous file-info lookup in Chromium.
            const piece = chunkCount === 1 ? blob : blob.slice(start, end);
            if (this.piecesAsBlobs && piece.size >= PIECE_AS_BLOB_BYTES) {
              batch.pieces.push({ digest, i, data: piece });
              batch.blobBytes += piece.size;
            } else {
              // Read concurrently with the other small pieces of the batch; flush() awaits them.
              const data = piece.arrayBuffer();
              data.catch(() => undefined); // a failure surfaces in flush(), which awaits it
              batch.pieces.push({ digest, i, data });
              batch.bytes += piece.size;
            }
          }
          const last = i === chunkCount - 1;
          if (last) batch.blobs.push({ record: record(true), verify: open.has(digest) });
          if (full()) {
            // Mark a blob cut across transactions as incomplete until its last piece is in.
            if (!last && !open.has(digest)) batch.blobs.push({ record: record(false), verify: false });
            await flush();
          }
        }
        if (full()) await flush();
      }
      if (signal?.aborted) throw putCancelledError(written, total);
      await flush();
    } catch (error) {
      for (const digest of open) await this.dropPartialBlob(digest);
      if (error instanceof AppError && error.code === 'quota-exceeded') {
        throw new AppError(error.code, error.message, {
          cause: error.cause,
          details: { ...error.details, bytesWritten: written, bytesTotal: total },
        });
      }
      throw error;
    }
  }

  /**
   * Small stored blobs among `records` whose bytes are not those given for them, with the given
   * bytes (when those do hash to the digest: a wrong input never replaces a stored copy). Packs
   * are read one at a time, so memory stays bounded whatever the number of blobs.
   */
  private async damagedCopies(
    records: readonly BlobRecord[],
    given: ReadonlyMap<string, { blob: Blob; bytes: ArrayBuffer | undefined }>,
  ): Promise<{ digest: string; data: ArrayBuffer }[]> {
    if (records.length === 0) return [];
    const byPack = new Map<string, BlobRecord[]>();
    const unpacked: BlobRecord[] = [];
    for (const record of records) {
      if (!record.pack) unpacked.push(record);
      else byPack.set(record.pack.id, [...(byPack.get(record.pack.id) ?? []), record]);
    }
    const { packs, pieces } = await this.read(['packs', 'blobChunks'], async (tx) => {
      const ids = [...byPack.keys()];
      const [packList, pieceList] = await Promise.all([
        inGroups(ids, (id) => tx.get('packs', id)),
        inGroups(unpacked, (r) => tx.getAll('blobChunks', prefixRange([r.digest]))),
      ]);
      return { packs: new Map(ids.map((id, k) => [id, packList[k]])), pieces: new Map(unpacked.map((r, k) => [r.digest, pieceList[k] ?? []])) };
    });
    const out: { digest: string; data: ArrayBuffer }[] = [];
    const check = async (record: BlobRecord, stored: Uint8Array | null) => {
      const input = given.get(record.digest);
      if (!input) return;
      const want = new Uint8Array(input.bytes ?? (await input.blob.arrayBuffer()));
      if (stored && sameBytes(stored, want)) return;
      if (await blobMatchesDigest(want, record.digest)) out.push({ digest: record.digest, data: want.slice().buffer });
    };
    for (const [id, members] of byPack) {
      const data = packs.get(id)?.data;
      const bytes = data ? new Uint8Array(await data.arrayBuffer()) : null;
      for (const record of members) {
        const { offset } = record.pack ?? { offset: 0 };
        await check(record, bytes && offset + record.size <= bytes.length ? bytes.subarray(offset, offset + record.size) : null);
      }
    }
    for (const record of unpacked) {
      const parts = pieces.get(record.digest) ?? [];
      await check(record, new Uint8Array(await new Blob(parts.map((p) => p.data)).arrayBuffer()));
    }
    return out;
  }

  /**
   * Writes new copies of small blobs into fresh packs and points their records there (the old
   * copies leave their packs and pieces). References and staging times are kept; a blob whose
   * record was lost gets its references counted from the manifests.
   */
  private async replaceSmallBlobs(items: readonly { digest: string; data: ArrayBuffer }[]): Promise<void> {
    const at = this.now();
    const packs = toPacks(
      items.map(({ digest, data }) => ({ digest, size: data.byteLength, data })),
      (digest, size, pack) => ({ digest, size, refCount: 0, stagedAt: at, chunkCount: 0, complete: true, pack }),
    );
    await this.write(GC_STORES, async (tx) => {
      const { found } = await getBlobsIn(tx, items.map((i) => i.digest));
      const old = [...found.values()];
      const lost = new Set(items.map((i) => i.digest).filter((d) => !found.has(d)));
      if (lost.size > 0) {
        // A lost record no longer says which pack still lists it: look through them (rare; no bytes are read).
        for (const pack of await tx.getAll('packs')) {
          for (const digest of pack.members) if (lost.has(digest)) old.push({ digest, size: 0, refCount: 0, stagedAt: 0, chunkCount: 0, complete: false, pack: { id: pack.id, offset: 0 } });
        }
      }
      await dropPackMembersIn(tx, old);
      await Promise.all(old.filter((r) => r.chunkCount > 0).map((r) => tx.deleteRange('blobChunks', prefixRange([r.digest]))));
      for (const { pack, records } of packs) {
        await tx.put('packs', { ...pack, members: records.map((r) => r.digest) });
        for (const record of records) {
          const before = found.get(record.digest);
          const refCount = before ? before.refCount : await referencesFromManifestsIn(tx, record.digest);
          await tx.put('blobs', { ...record, refCount, stagedAt: before?.stagedAt ?? at });
        }
      }
    });
  }

  async repairBlob(digest: string, blob: Blob): Promise<void> {
    await assertRepairBytes(blob, digest);
    const size = blob.size;
    if (size <= PACKED_BLOB_MAX_BYTES && size > 0) {
      await this.replaceSmallBlobs([{ digest, data: await blob.arrayBuffer() }]);
      return;
    }
    const chunkCount = Math.ceil(size / BLOB_CHUNK_BYTES);
    // Piece by piece in place: each stored piece is then the old one or a right one, so stopping half-way damages nothing more.
    for (let i = 0; i < chunkCount; i++) {
      const piece = blob.slice(i * BLOB_CHUNK_BYTES, Math.min((i + 1) * BLOB_CHUNK_BYTES, size));
      const data = this.piecesAsBlobs ? piece : await piece.arrayBuffer();
      await this.write(['blobChunks'], (tx) => tx.put('blobChunks', { digest, i, data }));
    }
    await this.write(GC_STORES, async (tx) => {
      const before = await tx.get('blobs', digest);
      const refCount = before ? before.refCount : await referencesFromManifestsIn(tx, digest);
      if (before) await dropPackMembersIn(tx, [before]);
      await tx.deleteRange('blobChunks', { lower: [digest, chunkCount], upper: [digest, []] });
      await tx.put('blobs', { digest, size, refCount, stagedAt: before?.stagedAt ?? this.now(), chunkCount, complete: true });
    });
  }

  /** Removes the pieces of a blob whose writing stopped half-way (best effort). */
  private async dropPartialBlob(digest: string): Promise<void> {
    try {
      await this.write(BLOB_STORES, async (tx) => {
        const record = await tx.get('blobs', digest);
        if (record && !record.complete) await deleteBlobsIn(tx, [record], null);
      });
    } catch {
      // Left for garbage collection, which removes incomplete blobs like staged ones.
    }
  }

  async readBlob(digest: string): Promise<Blob> {
    const { record, pack } = await this.read(['blobs', 'packs'], async (tx) => {
      const found = await tx.get('blobs', digest);
      return { record: found, pack: found?.pack ? await tx.get('packs', found.pack.id) : undefined };
    });
    if (!record?.complete) {
      throw noBlobBytesError(digest);
    }
    if (record.pack) {
      const { id, offset } = record.pack;
      if (!pack || offset + record.size > pack.data.size) {
        throw new AppError('internal', `blob ${digest}: its pack ${id} is ${pack ? 'too short' : 'missing'}; Verify lists every damaged file of a version and repairs it from a local folder`);
      }
      return pack.data.slice(offset, offset + record.size);
    }
    const parts: (ArrayBuffer | Blob)[] = [];
    for (let first = 0; first < record.chunkCount; first += READ_BATCH_PIECES) {
      const last = Math.min(first + READ_BATCH_PIECES, record.chunkCount) - 1;
      const pieces = await this.read(['blobChunks'], (tx) => tx.getAll('blobChunks', { lower: [digest, first], upper: [digest, last] }));
      pieces.forEach((p, k) => {
        if (p.i !== first + k) throw new AppError('internal', `blob ${digest} is missing piece ${first + k}; Verify lists every damaged file of a version and repairs it from a local folder`);
        parts.push(p.data);
      });
      if (pieces.length !== last - first + 1) {
        throw new AppError('internal', `blob ${digest} is missing piece ${first + pieces.length}; Verify lists every damaged file of a version and repairs it from a local folder`);
      }
    }
    const blob = new Blob(parts);
    if (blob.size !== record.size) {
      throw new AppError('internal', `blob ${digest} holds ${blob.size} bytes, ${record.size} expected; Verify lists every damaged file of a version and repairs it from a local folder`);
    }
    return blob;
  }

  // Commit and delete

  async commitVersion(input: CommitInput): Promise<CommitResult> {
    const valid = validateCommitInput(input);
    const digest = await artifactDigest(valid.entries);
    // Missing blobs are refused inside the transaction (a read before it would only repeat that check).
    const blobPaths = blobDigestsOf(valid.entries);
    const artifactId = artifactIdOf(valid.project, valid.artifactName);

    const result = await this.write(COMMIT_STORES, async (tx): Promise<CommitResult> => {
      const at = this.now();
      await ensureProjectIn(tx, valid.project, at);
      const artifact = (await tx.get('artifacts', artifactId)) ?? {
        id: artifactId,
        project: valid.project,
        name: valid.artifactName,
        type: valid.type,
        description: '',
        createdAt: at,
        nextIndex: 0,
        summary: EMPTY_SUMMARY,
      };
      if (artifact.type !== valid.type) throw typeMismatchError(artifact, valid.type);
      if (valid.producedBy !== null && !(await tx.get('runs', valid.producedBy))) throw runNotFound(valid.producedBy);

      const same = (await tx.getAllFromIndex('versions', 'byDigest', onlyKey([artifactId, digest])))[0];
      if (same) {
        for (const alias of valid.aliases) await moveAliasIn(tx, artifact, alias, same.index, at);
        return { version: await toVersionIn(tx, same), created: false };
      }

      const index = artifact.nextIndex;
      const versionId = versionIdOf(valid.project, valid.artifactName, index);

      const { found: blobRecords } = await getBlobsIn(tx, [...blobPaths.keys()]);
      const sizes = new Map<string, number>();
      for (const [d, path] of blobPaths) {
        const blob = blobRecords.get(d);
        if (!blob?.complete) throw missingBlobError(path, d);
        sizes.set(d, blob.size);
      }
      const entries = withBlobSizes(valid.entries, sizes);
      const chunks = toManifestChunks(versionId, entries);
      const totals = manifestTotals(entries);
      const record: VersionRecord = {
        id: versionId,
        artifactId,
        project: valid.project,
        artifactName: valid.artifactName,
        type: valid.type,
        index,
        digest,
        size: totals.size,
        fileCount: totals.fileCount,
        chunkCount: chunks.length,
        createdAt: at,
        description: valid.description,
        ...metadataRecordFields(valid.metadata),
        tags: valid.tags,
        producedBy: valid.producedBy,
        ttlSeconds: valid.ttlSeconds,
      };
      await Promise.all([
        tx.put('artifacts', { ...artifact, nextIndex: index + 1, summary: summaryWithVersion(artifact.summary, record) }),
        // Its blob references are counted later (countRefsSoon): rewriting every blob record
        // here took most of a second for 10,000 files.
        tx.put('pendingRefs', { versionId }),
        ...chunks.map((c) => tx.put('manifestChunks', c)),
        tx.put('versions', record),
      ]);
      for (const alias of valid.aliases) await moveAliasIn(tx, artifact, alias, index, at);
      this.hooks.afterCommitWrites?.(versionId);
      return { version: await toVersionIn(tx, record), created: true };
    });
    if (result.created) this.countRefsSoon();
    return result;
  }

  /** Counts pending references a little later, in a transaction of their own (see PendingRefsRecord). */
  private countRefsSoon(): void {
    if (this.countRefsTimer !== null) return;
    this.countRefsTimer = setTimeout(() => {
      this.countRefsTimer = null;
      // On failure they stay pending: the next delete, garbage collection or check counts them.
      this.write(REF_STORES, countPendingRefsIn).catch(() => undefined);
    }, this.countRefsDelayMs);
  }

  async deleteVersion(id: VersionId, options: DeleteOptions = {}): Promise<void> {
    await this.deleteVersions([id], options);
  }

  async deleteVersions(ids: readonly VersionId[], options: DeleteOptions = {}): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    await this.write(DELETE_STORES, async (tx) => {
      const records = [];
      for (const id of unique) records.push(await getVersionRecordIn(tx, id));
      await deleteVersionsIn(tx, records, options.dropAliases === true, this.now());
    });
  }

  async expireVersions(options: { now?: number } = {}): Promise<ExpiryResult> {
    const now = validExpiryTime(options.now ?? this.now());
    return this.write(DELETE_STORES, async (tx) => {
      // Versions without a TTL are the norm: scan records, not manifests.
      const expired = expiredVersions(await tx.getAll('versions'), now);
      const deleted: VersionRecord[] = [];
      const kept: ExpiryResult['kept'] = [];
      for (const record of expired) {
        const held = await tx.getAllFromIndex('aliases', 'byVersion', onlyKey([record.artifactId, record.index]));
        if (held.length > 0) kept.push({ versionId: record.id, aliases: held.map((a) => a.alias) });
        else deleted.push(record);
      }
      await deleteVersionsIn(tx, deleted, false, now);
      return { deleted: deleted.map((v) => v.id), kept };
    });
  }

  async storageUsage(project: string): Promise<StorageUsage> {
    return this.read(['projects', 'versions', 'manifestChunks', 'blobs', 'pendingRefs'], async (tx) => {
      await requireProject(tx, project);
      const pending = await pendingUsesIn(tx);
      const versions = await tx.getAllFromIndex('versions', 'byProject', onlyKey(project));
      const inputs = await Promise.all(
        versions.map(async (v) => ({ id: v.id, group: v.artifactId, size: v.size, blobs: await usedBlobsIn(tx, v.id) })),
      );
      const digests = [...new Set(inputs.flatMap((v) => v.blobs))];
      const [blobs, all] = await Promise.all([Promise.all(digests.map((d) => tx.get('blobs', d))), tx.getAll('blobs')]);
      const size = new Map<string, number>();
      const refs = new Map<string, number>();
      const refCount = (b: BlobRecord) => b.refCount + (pending.uses.get(b.digest) ?? 0);
      for (const b of blobs) {
        if (!b) continue;
        size.set(b.digest, b.size);
        refs.set(b.digest, refCount(b));
      }
      const account = accountStorage(inputs, size, refs);
      const byArtifact = new Map<ArtifactId, VersionRecord[]>();
      for (const v of versions) byArtifact.set(v.artifactId, [...(byArtifact.get(v.artifactId) ?? []), v]);
      const artifacts = [...byArtifact.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([artifactId, list]) => ({
          artifactId,
          logicalBytes: account.groups.get(artifactId)?.logicalBytes ?? 0,
          storedBytes: account.groups.get(artifactId)?.storedBytes ?? 0,
          versions: list
            .sort((a, b) => b.index - a.index)
            .map((v) => ({ versionId: v.id, index: v.index, logicalBytes: v.size, freedBytes: account.freedBytes.get(v.id) ?? 0 })),
        }));
      const stagedBytes = all.filter((b) => refCount(b) === 0).reduce((sum, b) => sum + b.size, 0);
      return { project, logicalBytes: account.logicalBytes, storedBytes: account.storedBytes, artifacts, stagedBytes };
    });
  }

  // Aliases

  async setAlias(id: VersionId, alias: string, options: AliasChangeOptions = {}): Promise<void> {
    const valid = validateAlias(alias);
    await this.write(ALIAS_STORES, async (tx) => {
      const record = await getVersionRecordIn(tx, id);
      const artifact = await tx.get('artifacts', record.artifactId);
      if (!artifact) throw artifactNotFound(record.artifactId);
      await moveAliasIn(tx, artifact, valid, record.index, this.now(), options.confirmProtected === true);
    });
  }

  async removeAlias(artifactId: ArtifactId, alias: string, options: AliasChangeOptions = {}): Promise<void> {
    const valid = validateExistingAlias(alias);
    await this.write(ALIAS_STORES, async (tx) => {
      const [current, artifact] = await Promise.all([tx.get('aliases', [artifactId, valid]), tx.get('artifacts', artifactId)]);
      if (!artifact) throw artifactNotFound(artifactId);
      if (!current) {
        throw noAliasError(artifactId, valid);
      }
      if (options.confirmProtected !== true && (artifact.protectedAliases ?? []).includes(valid)) {
        throw protectedAliasError(valid, artifactId, 'remove');
      }
      await tx.delete('aliases', [artifactId, valid]);
      await tx.put('aliasEvents', { artifactId, alias: valid, action: 'remove', fromIndex: current.index, toIndex: null, at: this.now() });
    });
  }

  async setAliasProtected(artifactId: ArtifactId, alias: string, isProtected: boolean): Promise<Artifact> {
    const valid = validateExistingAlias(alias);
    return this.write(['artifacts'], async (tx) => {
      const record = await tx.get('artifacts', artifactId);
      if (!record) throw artifactNotFound(artifactId);
      const next: ArtifactRecord = { ...record, protectedAliases: withProtection(record.protectedAliases, valid, isProtected) };
      await tx.put('artifacts', next);
      return toArtifact(next);
    });
  }

  /** Oldest first. */
  async listAliasEvents(artifactId: ArtifactId): Promise<AliasEvent[]> {
    return this.read(['artifacts', 'aliasEvents'], async (tx) => {
      if (!(await tx.get('artifacts', artifactId))) throw artifactNotFound(artifactId);
      const events = await tx.getAllFromIndex('aliasEvents', 'byArtifact', onlyKey(artifactId));
      return events.map(({ artifactId: a, alias, action, fromIndex, toIndex, at }) => ({ artifactId: a, alias, action, fromIndex, toIndex, at }));
    });
  }

  // Runs and lineage

  async createRun(input: RunInput): Promise<Run> {
    const run = validateRunInput(input, this.now(), this.newRunId);
    return this.write(['projects', 'runs', 'versions'], async (tx) => {
      await ensureProjectIn(tx, run.project, this.now());
      if (await tx.get('runs', run.id)) {
        throw runExistsError(run.id);
      }
      const inputs = await Promise.all(run.inputs.map((id) => tx.get('versions', id)));
      inputs.forEach((v, i) => {
        if (!v) throw runInputNotLiveError(run.inputs[i] ?? '');
      });
      await tx.put('runs', run);
      return run;
    });
  }

  async getRun(id: RunId): Promise<Run> {
    const run = await this.read(['runs'], (tx) => tx.get('runs', id));
    if (!run) throw runNotFound(id);
    return run;
  }

  async updateRun(id: RunId, patch: RunPatch): Promise<Run> {
    const valid = validateRunPatch(patch);
    return this.write(['runs', 'versions'], async (tx) => {
      const run = await tx.get('runs', id);
      if (!run) throw runNotFound(id);
      const next = applyRunPatch(run, valid, this.now());
      const added = next.inputs.filter((input) => !run.inputs.includes(input));
      const found = await Promise.all(added.map((input) => tx.get('versions', input)));
      found.forEach((v, i) => {
        if (!v) throw runInputNotLiveError(added[i] ?? '');
      });
      await tx.put('runs', next);
      return next;
    });
  }

  async deleteRun(id: RunId, options: DeleteRunOptions): Promise<DeleteRunResult> {
    const mode = validRunOutputs(options.outputs);
    return this.write([...DELETE_STORES, 'runs'], async (tx) => {
      const run = await tx.get('runs', id);
      if (!run) throw runNotFound(id);
      const outputs = (await tx.getAllFromIndex('versions', 'byProject', onlyKey(run.project))).filter((v) => v.producedBy === id);
      outputs.sort((a, b) => (a.id < b.id ? -1 : 1));
      if (mode === 'delete') {
        await deleteVersionsIn(tx, outputs, options.dropAliases === true, this.now());
      } else {
        await Promise.all(outputs.map((v) => tx.put('versions', { ...v, producedBy: null })));
      }
      await tx.delete('runs', id);
      const ids = outputs.map((v) => v.id);
      return mode === 'delete' ? { deletedVersions: ids, keptVersions: [] } : { deletedVersions: [], keptVersions: ids };
    });
  }

  /** Newest first. */
  async listRuns(project: string): Promise<Run[]> {
    return this.read(['projects', 'runs'], async (tx) => {
      await requireProject(tx, project);
      const runs = await tx.getAllFromIndex('runs', 'byProject', onlyKey(project));
      return runs.sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1));
    });
  }

  async listProjectVersions(project: string): Promise<ArtifactVersion[]> {
    return this.read(['projects', 'versions', 'aliases'], async (tx) => {
      await requireProject(tx, project);
      const bounds = projectIdBounds(project);
      const [versions, aliases] = await Promise.all([
        tx.getAllFromIndex('versions', 'byProject', onlyKey(project)),
        tx.getAll('aliases', { lower: [bounds.lower], upper: [bounds.upper], upperOpen: true }),
      ]);
      versions.sort((a, b) => (a.artifactName === b.artifactName ? b.index - a.index : a.artifactName < b.artifactName ? -1 : 1));
      return toVersions(versions, aliases);
    });
  }

  // Maintenance

  async collectGarbage(options: GcOptions): Promise<GcResult> {
    const { stagedBefore, digests } = validGcOptions(options);
    return this.write(GC_STORES, async (tx) => {
      await countPendingRefsIn(tx);
      const { found, all } = digests ? await getBlobsIn(tx, [...new Set(digests)]) : { found: null, all: null };
      const candidates = found ? [...found.values()] : await tx.getAll('blobs');
      const doomed = candidates.filter((b) => b.refCount === 0 && b.stagedAt < stagedBefore);
      await deleteBlobsIn(tx, doomed, found ? all : candidates.map((b) => b.digest));
      return { freedBlobs: doomed.length, freedBytes: doomed.reduce((sum, b) => sum + b.size, 0) };
    });
  }

  async checkIntegrity(): Promise<IntegrityReport> {
    // Counted first, so that the check sees the counts at rest (and checks the counting too).
    await this.write(REF_STORES, countPendingRefsIn);
    const snapshot = await this.read(STORE_NAMES, async (tx) => {
      const [projects, artifacts, versions, manifestChunks, blobs, blobChunkKeys, packs, aliases, runs, pendingRefs] = await Promise.all([
        tx.getAll('projects'),
        tx.getAll('artifacts'),
        tx.getAll('versions'),
        tx.getAll('manifestChunks'),
        tx.getAll('blobs'),
        tx.getAllKeys('blobChunks'),
        tx.getAll('packs'), // Blob handles: the bytes are not read
        tx.getAll('aliases'),
        tx.getAll('runs'),
        tx.getAllKeys('pendingRefs'), // another tab may have committed since the count
      ]);
      const packSizes = packs.map((p) => ({ id: p.id, size: p.data.size, members: p.members }));
      return { projects, artifacts, versions, manifestChunks, blobs, blobChunkKeys, packs: packSizes, aliases, runs, pendingRefs };
    });
    const problems = findIntegrityProblems(snapshot);
    return { ok: problems.length === 0, problems };
  }

  close(): void {
    if (this.countRefsTimer !== null) clearTimeout(this.countRefsTimer);
    this.countRefsTimer = null;
    this.backend.close();
  }
}

/**
 * ArtifactStore on S3-compatible object storage (AWS S3, Cloudflare R2, Ceph RGW, MinIO), with
 * no server of our own. Consistency comes from the store's conditional writes: immutable objects
 * are created with `If-None-Match: *`; the one mutable document per artifact (aliases.json) and
 * the few editable records are replaced by compare-and-swap (`If-Match`, retried with jitter).
 *
 * A commit writes blobs → manifest → version record → project/aliases. Creating the version
 * record (If-None-Match: *, so two writers never get the same number) is the commit point:
 * everything before it is invisible, so an interrupted commit leaves only unreferenced
 * immutable objects that garbage collection removes. The validation and record rules are the
 * other adapters' (store-rules.ts); the key layout is in s3-layout.ts.
 */
import type { z } from 'zod';
import { expiredVersions, protectedAliasError } from '../../domain/aliases';
import { artifactDigest } from '../../domain/digest';
import { AppError, isAppError } from '../../domain/errors';
import { parseManifest, serializeManifest } from '../../domain/manifest';
import { quoteForMessage } from '../../domain/paths';
import type { AliasEvent, Artifact, ArtifactId, ArtifactVersion, ManifestEntry, Project, Run, RunId, VersionId } from '../../domain/types';
import { artifactIdOf, versionIdOf } from '../../domain/types';
import { validateAlias, validateExistingAlias, validateArtifactName, validateDescription, validateProjectName } from '../../domain/validation';
import type {
  AliasChangeOptions,
  ArtifactStore,
  BlobInput,
  CommitInput,
  CommitResult,
  DeleteOptions,
  DeleteRunOptions,
  DeleteRunResult,
  ExpiryResult,
  GcResult,
  IntegrityReport,
  ManifestPage,
  GcOptions,
  PutBlobsOptions,
  RunInput,
  RunPatch,
  StoreLocation,
  StorageUsage,
  VersionPatch,
} from '../artifact-store';
import type { ArtifactRecord, VersionRecord } from '../records';
import type { StoreTestHooks } from '../record/record-context';
import { LATEST, latestIndexOf, toArtifact, toArtifactVersion, metadataRecordFields } from '../record-mappers';
import { blobDigestsOf, isReferenceEntry, manifestTotals, withBlobSizes } from '../manifest-chunks';
import { aliasHeldError, artifactNotFound, missingBlobError, projectNotFound, protectedAliasDeleteError, runNotFound, typeMismatchError, versionNotFound } from '../store-errors';
import { applyRunPatch, parseVersionRef, splitVersionId, validateCommitInput, validGcOptions, validatePage, validateRunId, validateRunInput, validateRunPatch, validateVersionPatch } from '../store-validation';
import { BLOB_LISTING_MIN_DIGESTS, listBlobKeys } from './s3-blob-listing';
import { putBlobsToS3, repairBlobInS3 } from './s3-blobs';
import type { ObjectClient } from './object-client';
import type { S3ClientOptions } from './s3-config';
import { deleteUnreferenced, deletionsSince } from './s3-deletions';
import type { S3Layout } from './s3-layout';
import { indexShardOf, nameOfPrefix, s3Layout, versionIndexOfKey } from './s3-layout';
import { checkS3Integrity, collectS3Garbage, s3StorageUsage } from './s3-maintenance';
import type { S3ProbeResult, S3WriteTestMemory } from './s3-probe';
import type { AliasEventDoc, AliasesDoc, IndexDoc, RunDoc, VersionDoc } from './s3-records';
import {
  aliasEventDoc,
  aliasesDoc,
  artifactDoc,
  indexDoc,
  isTombstone,
  parseDoc,
  projectDoc,
  runDoc,
  runIdDoc,
  S3_SCHEMA_VERSION,
  toArtifactRecord,
  toRunRecord,
  toVersionRecord,
  versionDoc,
} from './s3-records';
import { casBackoff, mapLimit, randomHex, readOnlyError, sleep } from './s3-util';
import { defaultRunId, noVersionOrAliasError, patchedVersion, noBlobBytesError, refuseAliasHolders, validExpiryTime, noAliasError, withProtection, runInputNotLiveError, runExistsError, validRunOutputs } from '../store-rules';
import type { ArtifactState, MaintenanceContext, VersionEntry } from './s3-context';

/** Seams for tests: throwing from one simulates a crash at that point of a commit. */
export interface S3StoreTestHooks extends StoreTestHooks {
  /** After the version record (the commit point), before the project and aliases are written. */
  afterVersionRecord?: (versionId: VersionId) => void | Promise<void>;
}

export interface S3StoreOptions extends S3ClientOptions {
  /** The clock for record times and blob staging times (default Date.now). */
  now?: () => number;
  newRunId?: () => string;
  /** Blobs above this many bytes go up in parts (default 16 MiB). */
  multipartThreshold?: number;
  /** Part size of multipart uploads (default 8 MiB; S3's minimum is 5 MiB). */
  partSize?: number;
  /** Requests in flight for bulk HEAD/PUT/GET (default 8). */
  concurrency?: number;
  /** Where a passed write test is remembered, so that opening the store again soon writes nothing. */
  writeTestMemory?: S3WriteTestMemory;
  /**
   * `afterCommitWrites` runs just before the version record is created: everything but the
   * commit point has been written, and throwing there must leave nothing visible.
   */
  testHooks?: S3StoreTestHooks;
}

export type S3Store = ArtifactStore & {
  /** What the capability probe found when the store was opened. */
  readonly probe: S3ProbeResult;
  /** Runs that used this version (from the lineage markers), newest first. */
  listConsumers(id: VersionId): Promise<Run[]>;
};

const MAX_CAS_ATTEMPTS = 80;
const INDEX_SAVE_ATTEMPTS = 4;
const MANIFEST_CACHE_SIZE = 16;
/** How long a HEAD that found a blob is trusted by this instance (others may delete it). */
const KNOWN_BLOB_TTL_MS = 5 * 60 * 1000;
/** How long a HEAD that found a blob missing spares putBlobs its own HEAD (a create-only PUT is safe anyway). */
const MISSING_BLOB_TTL_MS = 60 * 1000;

type AliasEventInput = Omit<AliasEventDoc, 'schemaVersion'>;

/** The user aliases (not `latest`) on `index`, in code-unit order like the other adapters. */
function userAliasesOf(doc: AliasesDoc, index: number): string[] {
  return Object.keys(doc)
    .filter((alias) => alias !== LATEST && doc[alias] === index)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `project/name` → its parts, validated (they become key segments); not-found otherwise. */
function splitArtifactId(id: ArtifactId | string): { project: string; name: string } {
  const match = /^([^/]+)\/([^/]+)$/.exec(id);
  try {
    if (!match?.[1] || !match[2]) throw new Error('shape');
    return { project: validateProjectName(match[1]), name: validateArtifactName(match[2]) };
  } catch {
    throw artifactNotFound(id);
  }
}

function versionParts(id: VersionId): { project: string; name: string; index: number } {
  const { artifactId, index } = splitVersionId(id);
  const { project, name } = splitArtifactId(artifactId);
  return { project, name, index };
}

function artifactRecordOf(state: ArtifactState): ArtifactRecord {
  const first = state.entries.get(0) ?? [...state.entries.values()][0];
  if (!first) throw artifactNotFound(artifactIdOf(state.project, state.name));
  return toArtifactRecord(state.project, state.name, first.doc, state.settings, state.nextIndex, state.live);
}

export class S3ArtifactStore implements S3Store {
  readonly id: string;
  readonly label: string;
  /** Uploads write to a shared bucket only once the user commits. */
  readonly eagerStaging = false;
  readonly location: StoreLocation | undefined;
  readonly readOnly: boolean;
  readonly readOnlyReason?: string;
  readonly probe: S3ProbeResult;
  protected readonly client: ObjectClient;
  private readonly layout: S3Layout;
  private readonly concurrency: number;
  protected readonly now: () => number;
  private readonly newRunId: () => string;
  private readonly options: S3StoreOptions;
  private readonly hooks: S3StoreTestHooks;
  /** Digests this instance saw stored: size and when (Date.now) it saw them. */
  private readonly knownBlobs = new Map<string, { size: number; seenAt: number }>();
  /** Digests a HEAD just found missing (Date.now): putBlobs sends them without asking again. */
  private readonly missingBlobs = new Map<string, number>();
  private readonly knownProjects = new Set<string>();
  private readonly manifestCache = new Map<string, ManifestEntry[]>();
  private readonly indexCache = new Map<string, { etag: string; doc: IndexDoc }>();
  private eventSeq = 0;
  /** What the blob, deletion and maintenance helpers see of this store. */
  private readonly helpers: MaintenanceContext;

  constructor(client: ObjectClient, probe: S3ProbeResult, options: S3StoreOptions = {}) {
    this.client = client;
    this.probe = probe;
    this.readOnly = probe.readOnly;
    if (probe.readOnly) this.readOnlyReason = probe.readOnlyReason ?? 'the store did not pass the write test';
    this.layout = s3Layout(client.keyPrefix);
    this.id = client.storeId;
    this.label = `${client.label}${probe.readOnly ? ' (read-only)' : ''}`;
    this.location = client.location;
    this.options = options;
    this.now = options.now ?? Date.now;
    this.newRunId = options.newRunId ?? defaultRunId;
    this.hooks = options.testHooks ?? {};
    this.concurrency = options.concurrency ?? 8;
    this.helpers = {
      client,
      layout: this.layout,
      concurrency: this.concurrency,
      now: this.now,
      blobs: { knowBlob: (d, size) => this.knowBlob(d, size), forgetBlob: (d) => this.forgetBlob(d), recentlyMissing: (d) => this.recentlyMissing(d) },
      catalog: {
        allStates: () => this.allStates(),
        manifestsOf: (digests) => this.manifestsOf(digests),
        listProjects: () => this.listProjects(),
        readRuns: (project) => this.readRuns(project),
      },
    };
  }

  private assertWritable(): void {
    if (this.readOnly) throw readOnlyError(this.readOnlyReason ?? 'the store did not pass the write test');
  }

  // Documents

  private async readDoc<T>(schema: z.ZodType<T>, key: string): Promise<{ value: T; etag: string } | null> {
    const result = await this.client.getText(key);
    if (result === null || result === 'not-modified') return null;
    return { value: parseDoc(schema, result.text, key), etag: result.etag };
  }

  /**
   * Compare-and-swap on a JSON document: read it with its ETag, compute the next value, write it
   * with If-Match (If-None-Match: * when it does not exist yet); on 412/409 start over after a
   * jittered pause. `mutate` returns no `next` to leave the document as it is; it may throw.
   */
  private async cas<D, T>(
    key: string,
    schema: z.ZodType<D>,
    mutate: (current: D | null) => { next?: D; result: T },
    /** A recent read of the document to try first (a wrong guess costs one 412). */
    guess?: { value: D; etag: string } | null,
  ): Promise<{ result: T; value: D | null; etag: string | null }> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const current = attempt === 0 && guess ? guess : await this.readDoc(schema, key);
      const { next, result } = mutate(current === null ? null : structuredClone(current.value));
      if (next === undefined) return { result, value: current?.value ?? null, etag: current?.etag ?? null };
      const put =
        current === null ? await this.client.putJson(key, next, { create: true }) : await this.client.putJson(key, next, { ifMatch: current.etag });
      if (put.ok) return { result, value: next, etag: put.etag };
      await sleep(casBackoff(attempt));
    }
    throw new AppError('conflict', `gave up updating ${key} after ${MAX_CAS_ATTEMPTS} attempts: other writers kept changing it; try again`, {
      details: { key },
    });
  }

  // Projects

  private async readProject(name: string): Promise<Project | null> {
    const doc = await this.readDoc(projectDoc, this.layout.project(name));
    if (doc === null) return null;
    this.knownProjects.add(name);
    return { name: doc.value.name, createdAt: doc.value.createdAt };
  }

  private async requireProject(name: string): Promise<string> {
    let valid: string;
    try {
      valid = validateProjectName(name);
    } catch {
      throw projectNotFound(name);
    }
    if ((await this.readProject(valid)) === null) throw projectNotFound(name);
    return valid;
  }

  /** Project names present in the bucket (by key prefix), whether or not project.json exists. */
  private async projectNames(): Promise<string[]> {
    const { prefixes } = await this.client.list(this.layout.projectsPrefix, { delimiter: '/' });
    return prefixes.map(nameOfPrefix);
  }

  async listProjects(): Promise<Project[]> {
    const names = await this.projectNames();
    const projects = await mapLimit(names, this.concurrency, (name) => this.readProject(name));
    return projects.filter((p): p is Project => p !== null).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async ensureProject(name: string): Promise<Project> {
    const valid = validateProjectName(name);
    const existing = await this.readProject(valid);
    if (existing) return existing;
    this.assertWritable();
    await this.createProjectDoc(valid);
    const project = await this.readProject(valid);
    if (!project) throw new AppError('internal', `project ${quoteForMessage(valid)} could be neither created nor read`);
    return project;
  }

  /** Create-only PUT of project.json (a 412 means it exists); skipped when this instance knows it does. */
  private async createProjectDoc(name: string): Promise<void> {
    if (this.knownProjects.has(name)) return;
    await this.client.putJson(this.layout.project(name), { schemaVersion: S3_SCHEMA_VERSION, name, createdAt: this.now() }, { create: true });
    this.knownProjects.add(name);
  }

  // Artifacts

  private async listArtifactNames(project: string): Promise<string[]> {
    const { prefixes } = await this.client.list(this.layout.artifactsPrefix(project), { delimiter: '/' });
    return prefixes.map(nameOfPrefix).sort();
  }

  /** The states of a project's artifacts (those with at least one version record), by name. */
  private async listStates(project: string): Promise<ArtifactState[]> {
    const names = await this.listArtifactNames(project);
    const states = await mapLimit(names, this.concurrency, (name) => this.loadState(project, name, { allowMissing: true }));
    return states.filter((s) => s.entries.size > 0);
  }

  /** Every artifact in the bucket (maintenance). */
  private async allStates(): Promise<ArtifactState[]> {
    const names = await this.projectNames();
    const perProject = await mapLimit(names, 2, (p) => this.listStates(p));
    return perProject.flat();
  }

  async listArtifacts(project: string): Promise<Artifact[]> {
    const valid = await this.requireProject(project);
    const states = await this.listStates(valid);
    return states.map((s) => toArtifact(artifactRecordOf(s)));
  }

  async getArtifact(id: ArtifactId): Promise<Artifact> {
    const { project, name } = splitArtifactId(id);
    const state = await this.loadState(project, name);
    return toArtifact(artifactRecordOf(state));
  }

  async updateArtifact(id: ArtifactId, patch: { description?: string }): Promise<Artifact> {
    const description = patch.description === undefined ? undefined : validateDescription(patch.description);
    const { project, name } = splitArtifactId(id);
    if (description !== undefined) {
      this.assertWritable();
      if ((await this.client.head(this.layout.version(project, name, 0))) === null) throw artifactNotFound(id);
      await this.cas(this.layout.artifact(project, name), artifactDoc, (current) =>
        current?.description === description ? { result: null } : { next: { ...current, schemaVersion: S3_SCHEMA_VERSION, description }, result: null },
      );
    }
    return this.getArtifact(id);
  }

  // The version index cache

  /** One index shard (conditional GET against this instance's copy); null when missing or unreadable. */
  private async readIndexShard(key: string): Promise<{ etag: string; doc: IndexDoc } | null> {
    const cached = this.indexCache.get(key);
    const result = await this.client.getText(key, cached ? { ifNoneMatch: cached.etag } : {});
    if (result === 'not-modified' && cached) return cached;
    if (result === null || result === 'not-modified') {
      this.indexCache.delete(key);
      return null;
    }
    try {
      const shard = { etag: result.etag, doc: parseDoc(indexDoc, result.text, key) };
      this.indexCache.set(key, shard);
      return shard;
    } catch {
      return null; // only a cache: a bad or newer one is ignored and the records are read instead
    }
  }

  /** Merges records into their index shards (compare-and-swap, a few attempts, best effort: readers repair them). */
  private async saveIndex(project: string, name: string, updates: ReadonlyMap<number, VersionEntry>): Promise<void> {
    if (this.readOnly || updates.size === 0) return;
    const byShard = new Map<number, [number, VersionEntry][]>();
    for (const [index, entry] of updates) {
      const shard = indexShardOf(index);
      byShard.set(shard, [...(byShard.get(shard) ?? []), [index, entry]]);
    }
    await Promise.all(
      [...byShard].map(async ([shard, entries]) => {
        const key = this.layout.indexShard(project, name, shard);
        try {
          for (let attempt = 0; attempt < INDEX_SAVE_ATTEMPTS; attempt++) {
            const current = await this.readIndexShard(key);
            const doc: IndexDoc = { schemaVersion: S3_SCHEMA_VERSION, versions: { ...current?.doc.versions } };
            for (const [index, entry] of entries) doc.versions[String(index)] = entry;
            const put = current ? await this.client.putJson(key, doc, { ifMatch: current.etag }) : await this.client.putJson(key, doc, { create: true });
            if (put.ok) {
              this.indexCache.set(key, { etag: put.etag, doc });
              return;
            }
            await sleep(casBackoff(attempt));
          }
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
    );
  }

  /**
   * Reads one artifact with one LIST of its version records and GETs of aliases, settings and
   * the index shards (one per 100 versions); only records whose ETag differs from the index's
   * are read one by one (and written back to the index), so listing needs no per-version GET.
   */
  private async loadState(project: string, name: string, options: { allowMissing?: boolean } = {}): Promise<ArtifactState> {
    const [listing, aliases, settings] = await Promise.all([
      this.client.list(this.layout.versionsPrefix(project, name)),
      this.readDoc(aliasesDoc, this.layout.aliases(project, name)),
      this.readDoc(artifactDoc, this.layout.artifact(project, name)),
    ]);
    const listed = listing.objects.flatMap((o) => {
      const i = versionIndexOfKey(o.key);
      return i === null ? [] : [{ index: i, key: o.key, etag: o.etag }];
    });
    const shardKeys = [...new Set(listed.map((o) => indexShardOf(o.index)))].map((k) => this.layout.indexShard(project, name, k));
    const shards = await mapLimit(shardKeys, this.concurrency, (key) => this.readIndexShard(key));
    const cache: IndexDoc['versions'] = {};
    for (const shard of shards) if (shard) Object.assign(cache, shard.doc.versions);
    const entries = new Map<number, VersionEntry>();
    const missing: { index: number; key: string }[] = [];
    for (const object of listed) {
      const i = object.index;
      const cached = cache[String(i)];
      if (cached && cached.etag === object.etag && cached.doc.index === i) entries.set(i, cached);
      else missing.push({ index: i, key: object.key });
    }
    const fetched = await mapLimit(missing, this.concurrency, async ({ index: i, key }) => {
      const doc = await this.readDoc(versionDoc, key);
      return doc === null ? null : ([i, { doc: doc.value, etag: doc.etag }] as const);
    });
    const updates = new Map<number, VersionEntry>();
    for (const item of fetched) {
      if (item === null) continue;
      entries.set(item[0], item[1]);
      updates.set(item[0], item[1]);
    }
    if (entries.size === 0 && options.allowMissing !== true) throw artifactNotFound(artifactIdOf(project, name));
    await this.saveIndex(project, name, updates);

    const live: VersionRecord[] = [];
    let nextIndex = 0;
    for (const [i, { doc }] of entries) {
      nextIndex = Math.max(nextIndex, i + 1);
      if (!isTombstone(doc)) live.push(toVersionRecord(project, name, doc));
    }
    live.sort((a, b) => a.index - b.index);
    return {
      project,
      name,
      entries,
      live,
      aliases: aliases?.value ?? {},
      aliasesEtag: aliases?.etag ?? null,
      settings: settings?.value ?? null,
      nextIndex,
    };
  }

  private versionsOf(state: ArtifactState, records: readonly VersionRecord[]): ArtifactVersion[] {
    const latest = latestIndexOf(state.live);
    return records.map((r) => toArtifactVersion(r, userAliasesOf(state.aliases, r.index), latest));
  }

  private liveRecord(state: ArtifactState, id: VersionId, index: number): VersionRecord {
    const record = state.live.find((r) => r.index === index);
    if (!record) throw versionNotFound(id, index < state.nextIndex);
    return record;
  }

  // Versions

  async listVersions(artifactId: ArtifactId): Promise<ArtifactVersion[]> {
    const { project, name } = splitArtifactId(artifactId);
    const state = await this.loadState(project, name);
    return this.versionsOf(state, [...state.live].reverse());
  }

  async getVersion(id: VersionId): Promise<ArtifactVersion> {
    const { project, name, index } = versionParts(id);
    const state = await this.loadState(project, name);
    const [version] = this.versionsOf(state, [this.liveRecord(state, id, index)]);
    if (!version) throw versionNotFound(id, false);
    return version;
  }

  async resolveVersion(artifactId: ArtifactId, ref: string): Promise<ArtifactVersion> {
    const { project, name } = splitArtifactId(artifactId);
    const state = await this.loadState(project, name);
    const parsed = parseVersionRef(ref);
    let index: number | null | undefined;
    if (parsed.kind === 'index') index = parsed.index;
    else if (parsed.kind === 'latest') index = latestIndexOf(state.live);
    else index = state.aliases[parsed.alias];
    const record = index === null || index === undefined ? undefined : state.live.find((r) => r.index === index);
    const [version] = record ? this.versionsOf(state, [record]) : [];
    if (!version) {
      throw noVersionOrAliasError(artifactId, ref);
    }
    return version;
  }

  async findVersionByDigest(artifactId: ArtifactId, digest: string): Promise<ArtifactVersion | null> {
    const { project, name } = splitArtifactId(artifactId);
    const state = await this.loadState(project, name, { allowMissing: true });
    const record = state.live.find((r) => r.digest === digest);
    return record ? (this.versionsOf(state, [record])[0] ?? null) : null;
  }

  async updateVersion(id: VersionId, patch: VersionPatch): Promise<ArtifactVersion> {
    const valid = validateVersionPatch(patch);
    const { project, name, index } = versionParts(id);
    this.assertWritable();
    const key = this.layout.version(project, name, index);
    const { value, etag } = await this.cas(key, versionDoc, (current) => {
      if (current === null || isTombstone(current)) throw versionNotFound(id, current !== null);
      return { next: patchedVersion(current, valid), result: null };
    });
    if (value !== null && etag !== null) await this.saveIndex(project, name, new Map([[index, { doc: value, etag }]]));
    return this.getVersion(id);
  }

  // Manifests

  private async manifestOf(digest: string): Promise<ManifestEntry[]> {
    const cached = this.manifestCache.get(digest);
    if (cached) {
      this.manifestCache.delete(digest);
      this.manifestCache.set(digest, cached);
      return cached;
    }
    const key = this.layout.manifest(digest);
    const result = await this.client.getText(key);
    if (result === null || result === 'not-modified') {
      throw new AppError('internal', `manifest ${key} is missing from the bucket; run an integrity check`, { details: { key } });
    }
    const entries = parseManifest(result.text);
    this.manifestCache.set(digest, entries);
    if (this.manifestCache.size > MANIFEST_CACHE_SIZE) {
      const oldest = this.manifestCache.keys().next().value;
      if (oldest !== undefined) this.manifestCache.delete(oldest);
    }
    return entries;
  }

  /** Manifests by artifact digest; null for one that is missing or unreadable. */
  private async manifestsOf(digests: readonly string[]): Promise<Map<string, ManifestEntry[] | null>> {
    const unique = [...new Set(digests)];
    const out = new Map<string, ManifestEntry[] | null>();
    await mapLimit(unique, this.concurrency, async (digest) => {
      try {
        out.set(digest, await this.manifestOf(digest));
      } catch (error) {
        if (isAppError(error) && error.code !== 'network') out.set(digest, null);
        else throw error;
      }
    });
    return out;
  }

  private async liveVersionDoc(id: VersionId): Promise<{ project: string; name: string; index: number; doc: VersionDoc; etag: string }> {
    const { project, name, index } = versionParts(id);
    const found = await this.readDoc(versionDoc, this.layout.version(project, name, index));
    if (found === null || isTombstone(found.value)) throw versionNotFound(id, found !== null);
    return { project, name, index, doc: found.value, etag: found.etag };
  }

  async readManifest(id: VersionId): Promise<ManifestEntry[]> {
    const { doc } = await this.liveVersionDoc(id);
    return [...(await this.manifestOf(doc.digest))];
  }

  async readManifestPage(id: VersionId, page: { offset: number; limit: number }): Promise<ManifestPage> {
    const { offset, limit } = validatePage(page);
    const entries = await this.readManifest(id);
    return { entries: entries.slice(offset, offset + limit), total: entries.length };
  }

  // Blobs

  private knowBlob(digest: string, size: number): void {
    this.knownBlobs.set(digest, { size, seenAt: Date.now() });
    this.missingBlobs.delete(digest);
  }

  private forgetBlob(digest: string): void {
    this.knownBlobs.delete(digest);
  }

  /** True when a HEAD found the blob missing within the last minute (an upload usually follows hasBlobs). */
  private recentlyMissing(digest: string): boolean {
    const at = this.missingBlobs.get(digest);
    return at !== undefined && at > Date.now() - MISSING_BLOB_TTL_MS;
  }

  /** Sizes of the stored blobs among `digests`: HEAD, or what this instance saw in the last minutes when `useCache`. */
  private async blobSizes(digests: readonly string[], useCache: boolean): Promise<Map<string, number>> {
    const unique = [...new Set(digests)];
    const sizes = new Map<string, number>();
    const fresh = Date.now() - KNOWN_BLOB_TTL_MS;
    const asked = new Map<string, string>(); // key → digest
    for (const digest of unique) {
      const known = this.knownBlobs.get(digest);
      if (useCache && known && known.seenAt > fresh) {
        sizes.set(digest, known.size);
        continue;
      }
      try {
        asked.set(this.layout.blob(digest), digest);
      } catch {
        // not a base64 md5: never stored here
      }
    }
    let toHead = [...asked.keys()];
    if (toHead.length >= BLOB_LISTING_MIN_DIGESTS) {
      const listing = await listBlobKeys(this.client, this.layout.blobsPrefix, toHead, this.concurrency * 2);
      for (const [key, size] of listing.found) {
        const digest = asked.get(key) ?? '';
        this.knowBlob(digest, size);
        sizes.set(digest, size);
      }
      for (const key of listing.absent) this.noteMissing(asked.get(key) ?? '');
      toHead = listing.unresolved;
    }
    await mapLimit(toHead, this.concurrency * 2, async (key) => {
      const digest = asked.get(key) ?? '';
      const head = await this.client.head(key);
      if (head) {
        this.knowBlob(digest, head.size);
        sizes.set(digest, head.size);
      } else {
        this.noteMissing(digest);
      }
    });
    return sizes;
  }

  private noteMissing(digest: string): void {
    this.forgetBlob(digest);
    this.missingBlobs.set(digest, Date.now());
  }

  async hasBlobs(digests: readonly string[]): Promise<Set<string>> {
    return new Set((await this.blobSizes(digests, false)).keys());
  }

  async putBlobs(blobs: readonly BlobInput[], options: PutBlobsOptions = {}): Promise<void> {
    this.assertWritable();
    await putBlobsToS3(this.helpers, blobs, options, {
      multipartThreshold: this.options.multipartThreshold ?? 16 * 1024 * 1024,
      partSize: this.options.partSize ?? 8 * 1024 * 1024,
    });
  }

  async repairBlob(digest: string, blob: Blob): Promise<void> {
    this.assertWritable();
    await repairBlobInS3(this.helpers, digest, blob);
  }

  async readBlob(digest: string): Promise<Blob> {
    let key: string;
    try {
      key = this.layout.blob(digest);
    } catch {
      throw noBlobBytesError(digest);
    }
    const result = await this.client.get(key);
    if (result === null || result === 'not-modified') throw noBlobBytesError(digest);
    return result.blob();
  }

  // Commit and delete

  async commitVersion(input: CommitInput): Promise<CommitResult> {
    this.assertWritable();
    const valid = validateCommitInput(input);
    const startedAt = Date.now();
    const blobPaths = blobDigestsOf(valid.entries);
    const sizes = await this.blobSizes([...blobPaths.keys()], true);
    for (const [digest, path] of blobPaths) if (!sizes.has(digest)) throw missingBlobError(path, digest);
    const entries = withBlobSizes(valid.entries, sizes);
    const digest = await artifactDigest(entries);
    const { project, artifactName: name } = valid;

    if (valid.producedBy !== null) await this.getRun(valid.producedBy);
    const state = await this.loadState(project, name, { allowMissing: true });
    if (state.entries.size > 0) {
      const artifact = artifactRecordOf(state);
      if (artifact.type !== valid.type) throw typeMismatchError(artifact, valid.type);
    }
    const same = state.live.find((r) => r.digest === digest);
    if (same) {
      await this.moveAliases(project, name, valid.aliases, same.index);
      return { version: await this.getVersion(same.id), created: false };
    }
    // A new version would take these aliases from the versions holding them: refuse before the commit point.
    const guarded = state.settings?.protectedAliases ?? [];
    const taken = valid.aliases.find((alias) => guarded.includes(alias) && state.aliases[alias] !== undefined);
    if (taken !== undefined) throw protectedAliasError(taken, artifactIdOf(project, name), 'move');

    // Content first: until the version record exists, nothing of this commit is visible.
    const manifestPut = await this.client.put(this.layout.manifest(digest), serializeManifest(entries), { create: true, contentType: 'application/json' });
    const totals = manifestTotals(entries);
    const commitId = randomHex(16);
    const base = {
      schemaVersion: S3_SCHEMA_VERSION,
      type: valid.type,
      digest,
      size: totals.size,
      fileCount: totals.fileCount,
      createdAt: this.now(),
      description: valid.description,
      ...metadataRecordFields(valid.metadata),
      tags: valid.tags,
      producedBy: valid.producedBy,
      ttlSeconds: valid.ttlSeconds,
      commitId,
    };
    this.hooks.afterCommitWrites?.(versionIdOf(project, name, state.nextIndex));

    // The commit point: v<N> is created only if nobody holds N yet; otherwise try N+1.
    let index = state.nextIndex;
    let doc: VersionDoc;
    let etag: string;
    for (;;) {
      doc = { ...base, index };
      const key = this.layout.version(project, name, index);
      const put = await this.client.putJson(key, doc, { create: true });
      if (put.ok) {
        etag = put.etag;
        break;
      }
      const holder = await this.readDoc(versionDoc, key);
      // A 412 may hide our own write whose answer was lost and then retried: the commitId tells.
      if (holder?.value.commitId === commitId) {
        etag = holder.etag;
        break;
      }
      // Every record has v0's type, so the holder of any number speaks for the artifact.
      if (holder && holder.value.type !== valid.type) {
        throw typeMismatchError({ id: artifactIdOf(project, name), type: holder.value.type }, valid.type);
      }
      index += 1;
    }
    const versionId = versionIdOf(project, name, index);
    // Only objects that existed before this commit can have been deleted under it.
    if (blobPaths.size > 0 || !manifestPut.ok) await this.checkConcurrentDeletions(startedAt, versionId, { doc, etag }, blobPaths, entries);
    await this.hooks.afterVersionRecord?.(versionId);

    await this.createProjectDoc(project);
    const at = this.now();
    const { result: events, value } = await this.cas(this.layout.aliases(project, name), aliasesDoc, (current) => {
      const next: AliasesDoc = current ?? {};
      const moves: AliasEventInput[] = [];
      next[LATEST] = Math.max(next[LATEST] ?? -1, index);
      for (const alias of valid.aliases) {
        const from = next[alias];
        if (from === index) continue;
        // Protected since the check above (a concurrent change): the version stays, the alias does not move.
        if (from !== undefined && guarded.includes(alias)) throw protectedAliasError(alias, artifactIdOf(project, name), 'move');
        next[alias] = index;
        moves.push({ alias, action: from === undefined ? 'add' : 'move', fromIndex: from ?? null, toIndex: index, at });
      }
      return { next, result: moves };
    }, state.aliasesEtag === null ? null : { value: state.aliases, etag: state.aliasesEtag });
    await Promise.all([this.saveIndex(project, name, new Map([[index, { doc, etag }]])), this.writeAliasEvents(project, name, events)]);

    const aliases = value ?? {};
    const record = toVersionRecord(project, name, doc);
    return { version: toArtifactVersion(record, userAliasesOf(aliases, index), aliases[LATEST] === index ? index : null), created: true };
  }

  /**
   * After the commit point: if a delete running meanwhile removed a blob or the manifest this
   * version uses (see s3-deletions.ts), rewrite the manifest, or back the version out and refuse.
   */
  private async checkConcurrentDeletions(
    startedAt: number,
    versionId: VersionId,
    written: VersionEntry,
    blobPaths: ReadonlyMap<string, string>,
    entries: readonly ManifestEntry[],
  ): Promise<void> {
    const deleted = await deletionsSince(this.helpers, startedAt);
    if (deleted.manifests.has(written.doc.digest) && (await this.client.head(this.layout.manifest(written.doc.digest))) === null) {
      await this.client.put(this.layout.manifest(written.doc.digest), serializeManifest(entries), { create: true, contentType: 'application/json' });
    }
    const suspects = [...blobPaths.keys()].filter((d) => deleted.blobs.has(d));
    if (suspects.length === 0) return;
    const present = await this.blobSizes(suspects, false);
    const lost = suspects.find((d) => !present.has(d));
    if (lost === undefined) return;
    const { project, name, index } = versionParts(versionId);
    const tombstone: VersionDoc = { ...written.doc, deleted: true, deletedAt: this.now() };
    await this.client.putJson(this.layout.version(project, name, index), tombstone, { ifMatch: written.etag });
    throw missingBlobError(blobPaths.get(lost) ?? '', lost);
  }

  async deleteVersion(id: VersionId, options: DeleteOptions = {}): Promise<void> {
    await this.deleteVersions([id], options);
  }

  /**
   * All or nothing as far as the refusals go: every version is checked (live, protected
   * aliases, held aliases) before the first is deleted. S3 has no multi-object transaction, so
   * a crash half-way leaves some deleted, each one completely.
   */
  async deleteVersions(ids: readonly VersionId[], options: DeleteOptions = {}): Promise<void> {
    this.assertWritable();
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const parts = unique.map((id) => ({ id, ...versionParts(id) }));
    const states = new Map<string, ArtifactState>();
    for (const p of parts) {
      const key = `${p.project}/${p.name}`;
      if (!states.has(key)) states.set(key, await this.loadState(p.project, p.name));
    }
    const targets = parts.map((p) => {
      const state = states.get(`${p.project}/${p.name}`) as ArtifactState;
      return { state, record: this.liveRecord(state, p.id, p.index) };
    });
    await this.deleteTargets(targets, options.dropAliases === true);
  }

  /** Refusals first (protected aliases always, held aliases unless dropAliases), then the deletes, then the blobs. */
  private async deleteTargets(targets: readonly { state: ArtifactState; record: VersionRecord }[], dropAliases: boolean): Promise<void> {
    refuseAliasHolders(
      targets.map(({ state, record }) => ({
        record,
        aliases: userAliasesOf(state.aliases, record.index),
        protectedAliases: state.settings?.protectedAliases ?? [],
      })),
      dropAliases,
    );
    const at = this.now();
    for (const { state, record } of targets) await this.deleteOne(state, record, dropAliases, at);
    await this.freeBlobsOf(targets.map(({ record }) => record.digest));
  }

  /**
   * 1. aliases off the version (or refuse), 2. tombstone its record, 3. drop any alias a racing
   * setAlias put on it meanwhile. Updates `state` so that the next delete of a batch sees it.
   */
  private async deleteOne(state: ArtifactState, record: VersionRecord, dropAliases: boolean, at: number): Promise<void> {
    const { project, name } = state;
    const index = record.index;
    const remaining = state.live.filter((r) => r.index !== index);
    const newLatest = latestIndexOf(remaining);
    const guarded = state.settings?.protectedAliases ?? [];
    const dropFrom = (current: AliasesDoc | null, refuseHeld: boolean) => {
      const doc = current ?? {};
      const held = userAliasesOf(doc, index);
      const blocked = held.find((alias) => guarded.includes(alias));
      if (blocked !== undefined && refuseHeld) throw protectedAliasDeleteError(record, blocked);
      if (held.length > 0 && refuseHeld) throw aliasHeldError(record, held);
      for (const alias of held) delete doc[alias];
      const moveLatest = doc[LATEST] === index;
      if (moveLatest) {
        if (newLatest === null) delete doc[LATEST];
        else doc[LATEST] = newLatest;
      }
      return held.length > 0 || moveLatest ? { next: doc, result: held } : { result: held };
    };
    const aliasesKey = this.layout.aliases(project, name);
    const first = await this.cas(aliasesKey, aliasesDoc, (current) => dropFrom(current, !dropAliases));
    const key = this.layout.version(project, name, index);
    const id = versionIdOf(project, name, index);
    let current = state.entries.get(index);
    for (let attempt = 0; ; attempt++) {
      if (!current || isTombstone(current.doc)) throw versionNotFound(id, current !== undefined);
      const tombstone: VersionDoc = { ...current.doc, deleted: true, deletedAt: at };
      const put = await this.client.putJson(key, tombstone, { ifMatch: current.etag });
      if (put.ok) {
        state.entries.set(index, { doc: tombstone, etag: put.etag });
        await this.saveIndex(project, name, new Map([[index, { doc: tombstone, etag: put.etag }]]));
        break;
      }
      if (attempt >= MAX_CAS_ATTEMPTS) throw new AppError('conflict', `gave up deleting ${id}: it kept changing; try again`);
      const reread = await this.readDoc(versionDoc, key);
      current = reread === null ? undefined : { doc: reread.value, etag: reread.etag };
      await sleep(casBackoff(attempt));
    }
    state.live = remaining;
    const second = await this.cas(aliasesKey, aliasesDoc, (doc) => dropFrom(doc, false));
    for (const alias of [...first.result, ...second.result]) delete state.aliases[alias];
    await this.writeAliasEvents(
      project,
      name,
      [...first.result, ...second.result].map((alias): AliasEventInput => ({ alias, action: 'remove', fromIndex: index, toIndex: null, at })),
    );
  }

  /** Deletes the blobs of deleted versions that no live version uses any more. */
  private async freeBlobsOf(artifactDigests: readonly string[]): Promise<void> {
    const blobs = new Map<string, number>();
    for (const entries of (await this.manifestsOf(artifactDigests)).values()) {
      // A missing manifest: garbage collection handles its blobs.
      for (const entry of entries ?? []) if (!isReferenceEntry(entry)) blobs.set(entry.digest, entry.size ?? 0);
    }
    await deleteUnreferenced(this.helpers, { blobs, manifests: [] });
  }

  async expireVersions(options: { now?: number } = {}): Promise<ExpiryResult> {
    const now = validExpiryTime(options.now ?? this.now());
    this.assertWritable();
    const deleted: VersionRecord[] = [];
    const kept: ExpiryResult['kept'] = [];
    for (const state of await this.allStates()) {
      for (const record of expiredVersions(state.live, now)) {
        const aliases = userAliasesOf(state.aliases, record.index);
        if (aliases.length > 0) {
          kept.push({ versionId: record.id, aliases });
          continue;
        }
        try {
          await this.deleteOne(state, record, false, now);
          deleted.push(record);
        } catch (error) {
          // An alias arrived since the state was read: the version stays, like any alias holder.
          if (!isAppError(error) || (error.code !== 'alias-held' && error.code !== 'alias-protected')) throw error;
          const raced = (await this.loadState(state.project, state.name)).aliases;
          kept.push({ versionId: record.id, aliases: userAliasesOf(raced, record.index) });
        }
      }
    }
    await this.freeBlobsOf(deleted.map((r) => r.digest));
    return { deleted: deleted.map((r) => r.id), kept };
  }

  async storageUsage(project: string): Promise<StorageUsage> {
    return s3StorageUsage(this.helpers, await this.requireProject(project));
  }

  // Aliases

  /** Points each alias at `index` (compare-and-swap on aliases.json) and logs the moves. Moving a protected alias needs `confirmProtected`. */
  private async moveAliases(project: string, name: string, aliases: readonly string[], index: number, confirmProtected = false): Promise<void> {
    if (aliases.length === 0) return;
    this.assertWritable();
    const at = this.now();
    const guarded = confirmProtected ? [] : ((await this.readDoc(artifactDoc, this.layout.artifact(project, name)))?.value.protectedAliases ?? []);
    const { result: events } = await this.cas(this.layout.aliases(project, name), aliasesDoc, (current) => {
      const doc = current ?? {};
      const moves: AliasEventInput[] = [];
      for (const alias of aliases) {
        const from = doc[alias];
        if (from === index) continue;
        if (from !== undefined && guarded.includes(alias)) throw protectedAliasError(alias, artifactIdOf(project, name), 'move');
        doc[alias] = index;
        moves.push({ alias, action: from === undefined ? 'add' : 'move', fromIndex: from ?? null, toIndex: index, at });
      }
      return moves.length > 0 ? { next: doc, result: moves } : { result: moves };
    });
    await this.writeAliasEvents(project, name, events);
  }

  async setAlias(id: VersionId, alias: string, options: AliasChangeOptions = {}): Promise<void> {
    const valid = validateAlias(alias);
    this.assertWritable();
    const { project, name, index } = await this.liveVersionDoc(id);
    await this.moveAliases(project, name, [valid], index, options.confirmProtected === true);
    // A delete may have tombstoned the version meanwhile: then take the alias back off.
    const again = await this.readDoc(versionDoc, this.layout.version(project, name, index));
    if (again === null || isTombstone(again.value)) {
      await this.cas(this.layout.aliases(project, name), aliasesDoc, (current) => {
        if (current?.[valid] !== index) return { result: null };
        delete current[valid];
        return { next: current, result: null };
      });
      throw versionNotFound(id, true);
    }
  }

  async removeAlias(artifactId: ArtifactId, alias: string, options: AliasChangeOptions = {}): Promise<void> {
    const valid = validateExistingAlias(alias);
    const { project, name } = splitArtifactId(artifactId);
    this.assertWritable();
    const settings = await this.readDoc(artifactDoc, this.layout.artifact(project, name));
    const guarded = options.confirmProtected === true ? [] : (settings?.value.protectedAliases ?? []);
    const { result: from } = await this.cas(this.layout.aliases(project, name), aliasesDoc, (current) => {
      const held = current?.[valid];
      if (current === null || held === undefined) return { result: null };
      if (guarded.includes(valid)) throw protectedAliasError(valid, artifactId, 'remove');
      delete current[valid];
      return { next: current, result: held };
    });
    if (from === null) {
      if ((await this.client.head(this.layout.version(project, name, 0))) === null) throw artifactNotFound(artifactId);
      throw noAliasError(artifactId, valid);
    }
    await this.writeAliasEvents(project, name, [{ alias: valid, action: 'remove', fromIndex: from, toIndex: null, at: this.now() }]);
  }

  async setAliasProtected(artifactId: ArtifactId, alias: string, isProtected: boolean): Promise<Artifact> {
    const valid = validateExistingAlias(alias);
    const { project, name } = splitArtifactId(artifactId);
    this.assertWritable();
    if ((await this.client.head(this.layout.version(project, name, 0))) === null) throw artifactNotFound(artifactId);
    await this.cas(this.layout.artifact(project, name), artifactDoc, (current) => {
      const protectedAliases = withProtection(current?.protectedAliases, valid, isProtected);
      const unchanged = JSON.stringify(protectedAliases) === JSON.stringify(current?.protectedAliases ?? []);
      return unchanged ? { result: null } : { next: { ...current, schemaVersion: S3_SCHEMA_VERSION, protectedAliases }, result: null };
    });
    return this.getArtifact(artifactId);
  }

  /** One object per event; keys sort by time, then by this instance's sequence. */
  private async writeAliasEvents(project: string, name: string, events: readonly AliasEventInput[]): Promise<void> {
    const prefix = this.layout.aliasEventsPrefix(project, name);
    await Promise.all(
      events.map((event) => {
        this.eventSeq += 1;
        const key = `${prefix}${String(event.at).padStart(15, '0')}-${String(this.eventSeq).padStart(8, '0')}-${randomHex(4)}.json`;
        return this.client.putJson(key, { schemaVersion: S3_SCHEMA_VERSION, ...event }, { create: true });
      }),
    );
  }

  /** Oldest first. */
  async listAliasEvents(artifactId: ArtifactId): Promise<AliasEvent[]> {
    const { project, name } = splitArtifactId(artifactId);
    const [first, { objects }] = await Promise.all([
      this.client.head(this.layout.version(project, name, 0)),
      this.client.list(this.layout.aliasEventsPrefix(project, name)),
    ]);
    if (first === null) throw artifactNotFound(artifactId);
    const keys = objects.map((o) => o.key).sort();
    const docs = await mapLimit(keys, this.concurrency, (key) => this.readDoc(aliasEventDoc, key));
    const id = artifactIdOf(project, name);
    return docs
      .filter((d): d is { value: AliasEventDoc; etag: string } => d !== null)
      .map(({ value: e }) => ({ artifactId: id, alias: e.alias, action: e.action, fromIndex: e.fromIndex, toIndex: e.toIndex, at: e.at }));
  }

  // Runs and lineage

  /** Checks that run inputs are live versions; throws not-found naming the first that is not. */
  private async liveRunInputs(ids: readonly VersionId[]) {
    return mapLimit(ids, this.concurrency, async (id) => {
      try {
        return await this.liveVersionDoc(id);
      } catch (error) {
        if (isAppError(error) && error.code === 'not-found') {
          throw runInputNotLiveError(id);
        }
        throw error;
      }
    });
  }

  /** Lineage markers of a run's inputs. Written before the run record names them: a marker whose run record is missing is ignored by listConsumers. */
  private async markInputs(runId: RunId, inputs: readonly { project: string; name: string; index: number }[]): Promise<void> {
    await mapLimit(inputs, this.concurrency, (v) => this.client.put(this.layout.usedBy(v.project, v.name, v.index, runId), '', { contentType: 'text/plain' }));
  }

  async createRun(input: RunInput): Promise<Run> {
    this.assertWritable();
    const run = validateRunInput(input, this.now(), this.newRunId);
    const inputs = await this.liveRunInputs(run.inputs);
    await this.ensureProject(run.project);
    const claim = await this.client.putJson(this.layout.runId(run.id), { schemaVersion: S3_SCHEMA_VERSION, project: run.project }, { create: true });
    if (!claim.ok) throw runExistsError(run.id);
    await this.markInputs(run.id, inputs);
    const doc: RunDoc = { schemaVersion: S3_SCHEMA_VERSION, ...run };
    const put = await this.client.putJson(this.layout.run(run.project, run.id), doc, { create: true });
    if (!put.ok) throw runExistsError(run.id);
    return toRunRecord(doc);
  }

  async getRun(id: RunId): Promise<Run> {
    let valid: RunId;
    try {
      valid = validateRunId(id);
    } catch {
      throw runNotFound(id);
    }
    const pointer = await this.readDoc(runIdDoc, this.layout.runId(valid));
    if (pointer === null) throw runNotFound(id);
    const doc = await this.readDoc(runDoc, this.layout.run(pointer.value.project, valid));
    if (doc === null) throw runNotFound(id);
    return toRunRecord(doc.value);
  }

  /** A compare-and-swap on the run record, so that concurrent updates (two processes, two tabs) all land. */
  async updateRun(id: RunId, patch: RunPatch): Promise<Run> {
    const valid = validateRunPatch(patch);
    this.assertWritable();
    const run = await this.getRun(id);
    await this.markInputs(run.id, await this.liveRunInputs((valid.inputs ?? []).filter((input) => !run.inputs.includes(input))));
    const { result } = await this.cas(this.layout.run(run.project, run.id), runDoc, (current) => {
      if (current === null) throw runNotFound(id);
      const next = applyRunPatch(toRunRecord(current), valid, this.now());
      return { next: { ...current, ...next }, result: next };
    });
    return result;
  }

  /**
   * Outputs first (kept without a producer, or deleted under the delete rules), then the run
   * record, its id claim and its lineage markers.
   */
  async deleteRun(id: RunId, options: DeleteRunOptions): Promise<DeleteRunResult> {
    const mode = validRunOutputs(options.outputs);
    this.assertWritable();
    const run = await this.getRun(id);
    const states = await this.listStates(run.project);
    const outputs = states
      .flatMap((state) => state.live.filter((r) => r.producedBy === run.id).map((record) => ({ state, record })))
      .sort((a, b) => (a.record.id < b.record.id ? -1 : 1));
    if (mode === 'delete') {
      await this.deleteTargets(outputs, options.dropAliases === true);
    } else {
      for (const { record } of outputs) {
        const key = this.layout.version(record.project, record.artifactName, record.index);
        const { value, etag } = await this.cas(key, versionDoc, (current) => {
          if (current === null || isTombstone(current) || current.producedBy !== run.id) return { result: null };
          return { next: { ...current, producedBy: null }, result: null };
        });
        if (value !== null && etag !== null) await this.saveIndex(record.project, record.artifactName, new Map([[record.index, { doc: value, etag }]]));
      }
    }
    await this.client.delete(this.layout.run(run.project, run.id));
    await this.client.delete(this.layout.runId(run.id));
    await mapLimit(run.inputs, this.concurrency, async (input) => {
      const { project, name, index } = versionParts(input);
      await this.client.delete(this.layout.usedBy(project, name, index, run.id));
    });
    const ids = outputs.map(({ record }) => record.id);
    return mode === 'delete' ? { deletedVersions: ids, keptVersions: [] } : { deletedVersions: [], keptVersions: ids };
  }

  /** Newest first. */
  async listRuns(project: string): Promise<Run[]> {
    return this.readRuns(await this.requireProject(project));
  }

  private async readRuns(project: string): Promise<Run[]> {
    const { objects } = await this.client.list(this.layout.runsPrefix(project));
    const docs = await mapLimit(objects, this.concurrency, (o) => this.readDoc(runDoc, o.key));
    return docs
      .filter((d): d is { value: RunDoc; etag: string } => d !== null)
      .map((d) => toRunRecord(d.value))
      .sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1));
  }

  async listConsumers(id: VersionId): Promise<Run[]> {
    const { project, name, index } = versionParts(id);
    const { objects } = await this.client.list(this.layout.usedByPrefix(project, name, index));
    const runs = await mapLimit(objects, this.concurrency, async (o) => {
      try {
        return await this.getRun(o.key.slice(o.key.lastIndexOf('/') + 1) as RunId);
      } catch (error) {
        if (isAppError(error) && error.code === 'not-found') return null;
        throw error;
      }
    });
    return runs.filter((r): r is Run => r !== null).sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1));
  }

  async listProjectVersions(project: string): Promise<ArtifactVersion[]> {
    const states = await this.listStates(await this.requireProject(project));
    return states.flatMap((s) => this.versionsOf(s, [...s.live].reverse()));
  }

  // Maintenance

  async collectGarbage(options: GcOptions): Promise<GcResult> {
    const { stagedBefore, digests } = validGcOptions(options);
    this.assertWritable();
    return collectS3Garbage(this.helpers, stagedBefore, digests && new Set(digests));
  }

  async checkIntegrity(): Promise<IntegrityReport> {
    const problems = await checkS3Integrity(this.helpers);
    return { ok: problems.length === 0, problems };
  }

  close(): void {
    this.manifestCache.clear();
    this.indexCache.clear();
    this.knownBlobs.clear();
    this.missingBlobs.clear();
    this.knownProjects.clear();
  }
}

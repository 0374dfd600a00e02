/**
 * Transaction helpers of the record store: the store lists each operation opens, requests issued
 * in time-sliced groups, and the reads most operations start with (project, version, latest).
 * They await only `tx` operations (see record-backend.ts).
 */
import type {
  ArtifactId,
  ArtifactVersion, Project, VersionId
} from '../../domain/types';
import type { StoreName } from '../idb/schema';
import type { AliasRecord, VersionRecord } from '../records';
import type { RecordTx } from '../record-backend';
import { onlyKey, prefixRange } from '../record-backend';
import { toArtifactVersion } from '../record-mappers';
import { projectNotFound, versionNotFound } from '../store-errors';
import { splitVersionId } from '../store-validation';

export const COMMIT_STORES: StoreName[] = ['projects', 'artifacts', 'versions', 'manifestChunks', 'blobs', 'aliases', 'aliasEvents', 'runs', 'pendingRefs'];

export const BLOB_STORES: StoreName[] = ['blobs', 'blobChunks', 'packs'];

/** What counting pending references takes (countPendingRefsIn). */
export const REF_STORES: StoreName[] = ['pendingRefs', 'manifestChunks', 'blobs'];

export const GC_STORES: StoreName[] = [...BLOB_STORES, 'pendingRefs', 'manifestChunks'];

export const DELETE_STORES: StoreName[] = ['artifacts', 'versions', 'manifestChunks', ...BLOB_STORES, 'aliases', 'aliasEvents', 'pendingRefs'];

export const ALIAS_STORES: StoreName[] = ['artifacts', 'versions', 'aliases', 'aliasEvents'];

/**
 * Requests of one transaction are issued in groups of at most REQUEST_SLICE_MS of the page's
 * time (issuing one costs ~0.1 ms, several times that on a loaded machine: 2,000 at once were
 * one long task that froze the UI); between groups the page gets back to its event loop while
 * the transaction stays open.
 */
export const REQUEST_SLICE_MS = 15;

/** Bounds of a group whatever the clock says: tiny groups would wait on a round trip each. */
export const MIN_REQUESTS_PER_GROUP = 50;

export const MAX_REQUESTS_PER_GROUP = 1000;

/** Groups in flight at once: the next is issued while the database still works on the last. */
export const GROUPS_IN_FLIGHT = 2;

/** Runs `request` for every item in time-sliced groups (see above); results in item order. */
export async function inGroups<T, R>(items: readonly T[], request: (item: T) => Promise<R>): Promise<R[]> {
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

export async function ensureProjectIn(tx: RecordTx, name: string, at: number): Promise<Project> {
  const existing = await tx.get('projects', name);
  if (existing) return existing;
  const project = { name, createdAt: at };
  await tx.put('projects', project);
  return project;
}

export async function requireProject(tx: RecordTx, name: string): Promise<void> {
  if (!(await tx.get('projects', name))) throw projectNotFound(name);
}

export async function latestIndexIn(tx: RecordTx, artifactId: ArtifactId): Promise<number | null> {
  const last = await tx.lastFromIndex('versions', 'byArtifact', prefixRange([artifactId]));
  return last ? last.index : null;
}

export async function toVersionIn(tx: RecordTx, record: VersionRecord): Promise<ArtifactVersion> {
  const [aliases, latest] = await Promise.all([
    tx.getAllFromIndex('aliases', 'byVersion', onlyKey([record.artifactId, record.index])),
    latestIndexIn(tx, record.artifactId),
  ]);
  return toArtifactVersion(record, aliases.map((a) => a.alias), latest);
}

/** Versions of one or more artifacts with their aliases; `latest` per artifact. */
export function toVersions(records: readonly VersionRecord[], aliases: readonly AliasRecord[]): ArtifactVersion[] {
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

export async function getVersionRecordIn(tx: RecordTx, id: VersionId): Promise<VersionRecord> {
  const { artifactId, index } = splitVersionId(id);
  const record = await tx.get('versions', id);
  if (record) return record;
  const artifact = await tx.get('artifacts', artifactId);
  throw versionNotFound(id, artifact !== undefined && index < artifact.nextIndex);
}

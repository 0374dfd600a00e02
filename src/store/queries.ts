import { queryOptions } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { toAppError } from '../domain/errors';
import type { AppError } from '../domain/errors';
import { parseVersionId } from '../domain/types';
import type { ArtifactId, RunId, VersionId } from '../domain/types';
import type { ChangeEntry } from '../domain/change-log';
import type { ArtifactStore } from './artifact-store';
import { listConsumers } from './consumers';
import { readVerifiedBlob } from './blob-bytes';

/**
 * THE query-key factory. Every key starts with [entity, store.id, …] so that switching stores
 * never serves another store's cache, and every key holds every input of its queryFn. Never
 * write a literal key elsewhere: use these (or their `queryKey`) and the invalidate* helpers.
 */
declare module '@tanstack/react-query' {
  interface Register {
    defaultError: AppError;
    mutationMeta: {
      /** Toast title when the mutation fails; defaults to "Action failed". */
      errorTitle?: string;
      /** The caller shows the error itself (e.g. inline in a form): no toast. */
      silent?: boolean;
    };
  }
}

/** Makes the registered error type true: whatever a store throws reaches the UI as AppError. */
function asAppErrors<T>(read: () => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      return await read();
    } catch (error) {
      throw toAppError(error);
    }
  };
}

function artifactIdOfVersion(id: VersionId): ArtifactId {
  const parts = parseVersionId(id);
  return (parts ? `${parts.project}/${parts.artifactName}` : id) as ArtifactId;
}

export const projectQueries = {
  all: (s: ArtifactStore) => ['projects', s.id] as const,
  list: (s: ArtifactStore) =>
    queryOptions({ queryKey: [...projectQueries.all(s), 'list'], queryFn: asAppErrors(() => s.listProjects()) }),
};

export const artifactQueries = {
  all: (s: ArtifactStore) => ['artifacts', s.id] as const,
  list: (s: ArtifactStore, project: string) =>
    queryOptions({
      queryKey: [...artifactQueries.all(s), 'list', project],
      queryFn: asAppErrors(() => s.listArtifacts(project)),
    }),
  detail: (s: ArtifactStore, id: ArtifactId) =>
    queryOptions({ queryKey: [...artifactQueries.all(s), 'detail', id], queryFn: asAppErrors(() => s.getArtifact(id)) }),
};

export const versionQueries = {
  all: (s: ArtifactStore) => ['versions', s.id] as const,
  /** Prefix of every version query of one artifact (aliases move between its versions). */
  ofArtifact: (s: ArtifactStore, artifactId: ArtifactId) => [...versionQueries.all(s), artifactId] as const,
  list: (s: ArtifactStore, artifactId: ArtifactId) =>
    queryOptions({
      queryKey: [...versionQueries.ofArtifact(s, artifactId), 'list'],
      queryFn: asAppErrors(() => s.listVersions(artifactId)),
    }),
  detail: (s: ArtifactStore, id: VersionId) =>
    queryOptions({
      queryKey: [...versionQueries.ofArtifact(s, artifactIdOfVersion(id)), 'detail', id],
      queryFn: asAppErrors(() => s.getVersion(id)),
    }),
  /** `ref` is `vN` or an alias: mutable (aliases move), so not cached forever. */
  resolve: (s: ArtifactStore, artifactId: ArtifactId, ref: string) =>
    queryOptions({
      queryKey: [...versionQueries.ofArtifact(s, artifactId), 'ref', ref],
      queryFn: asAppErrors(() => s.resolveVersion(artifactId, ref)),
    }),
  byDigest: (s: ArtifactStore, artifactId: ArtifactId, digest: string) =>
    queryOptions({
      queryKey: [...versionQueries.ofArtifact(s, artifactId), 'digest', digest],
      queryFn: asAppErrors(() => s.findVersionByDigest(artifactId, digest)),
    }),
  /** Every live version of a project (lineage). */
  ofProject: (s: ArtifactStore, project: string) =>
    queryOptions({
      queryKey: [...versionQueries.all(s), 'project', project],
      queryFn: asAppErrors(() => s.listProjectVersions(project)),
    }),
};

/** A version's files never change (indices are never reused), so these are cached forever. */
export const manifestQueries = {
  all: (s: ArtifactStore) => ['manifests', s.id] as const,
  entries: (s: ArtifactStore, id: VersionId) =>
    queryOptions({
      queryKey: [...manifestQueries.all(s), id, 'all'],
      queryFn: asAppErrors(() => s.readManifest(id)),
      staleTime: Infinity,
    }),
  /**
   * The same entries as `entries`, read `step` at a time: no single long main-thread task
   * deserialising 100k entries at once, so a page that shows first rows stays responsive.
   */
  entriesInSteps: (s: ArtifactStore, id: VersionId, step: number) =>
    queryOptions({
      queryKey: [...manifestQueries.all(s), id, 'all', 'steps', step],
      queryFn: asAppErrors(async () => {
        const first = await s.readManifestPage(id, { offset: 0, limit: step });
        const entries = first.entries;
        // One read at a time: each answer is deserialised in its own short task.
        for (let offset = step; offset < first.total; offset += step) {
          const page = await s.readManifestPage(id, { offset, limit: step });
          for (const entry of page.entries) entries.push(entry);
        }
        return entries;
      }),
      staleTime: Infinity,
      // Immutable and large: a deep compare with the previous value buys nothing.
      structuralSharing: false,
    }),
  page: (s: ArtifactStore, id: VersionId, offset: number, limit: number) =>
    queryOptions({
      queryKey: [...manifestQueries.all(s), id, 'page', offset, limit],
      queryFn: asAppErrors(() => s.readManifestPage(id, { offset, limit })),
      staleTime: Infinity,
    }),
};

/** Bytes addressed by their digest are immutable. */
export const blobQueries = {
  all: (s: ArtifactStore) => ['blobs', s.id] as const,
  detail: (s: ArtifactStore, digest: string) =>
    queryOptions({
      queryKey: [...blobQueries.all(s), digest],
      queryFn: asAppErrors(() => readVerifiedBlob(s, digest)),
      staleTime: Infinity,
      gcTime: 60_000,
    }),
  /** The first `maxBytes` bytes of a blob and its full size (file previews); the whole blob is checked against its digest first. */
  head: (s: ArtifactStore, digest: string, maxBytes: number) =>
    queryOptions({
      queryKey: [...blobQueries.all(s), digest, 'head', maxBytes],
      queryFn: asAppErrors(async () => {
        const blob = await readVerifiedBlob(s, digest);
        const bytes = new Uint8Array(await blob.slice(0, maxBytes).arrayBuffer());
        return { bytes, size: blob.size };
      }),
      staleTime: Infinity,
      gcTime: 60_000,
    }),
};

export const aliasQueries = {
  all: (s: ArtifactStore) => ['alias-events', s.id] as const,
  events: (s: ArtifactStore, artifactId: ArtifactId) =>
    queryOptions({
      queryKey: [...aliasQueries.all(s), artifactId],
      queryFn: asAppErrors(() => s.listAliasEvents(artifactId)),
    }),
};

export const runQueries = {
  all: (s: ArtifactStore) => ['runs', s.id] as const,
  list: (s: ArtifactStore, project: string) =>
    queryOptions({ queryKey: [...runQueries.all(s), 'list', project], queryFn: asAppErrors(() => s.listRuns(project)) }),
  detail: (s: ArtifactStore, id: RunId) =>
    queryOptions({ queryKey: [...runQueries.all(s), 'detail', id], queryFn: asAppErrors(() => s.getRun(id)) }),
  /** The runs that used a version (its "used by"), newest first. */
  consumers: (s: ArtifactStore, id: VersionId) =>
    queryOptions({ queryKey: [...runQueries.all(s), 'consumers', id], queryFn: asAppErrors(() => listConsumers(s, id)) }),
};

/** Storage use of a project (changes with every commit and delete). */
export const storageQueries = {
  all: (s: ArtifactStore) => ['storage', s.id] as const,
  usage: (s: ArtifactStore, project: string) =>
    queryOptions({ queryKey: [...storageQueries.all(s), project], queryFn: asAppErrors(() => s.storageUsage(project)) }),
  /** The browser's storage estimate for this site (null where the browser has none). */
  browserQuota: (s: ArtifactStore) =>
    queryOptions({ queryKey: [...storageQueries.all(s), 'browser-quota'], queryFn: asAppErrors(browserQuota) }),
};

async function browserQuota(): Promise<{ usage: number; quota: number } | null> {
  if (typeof navigator === 'undefined' || typeof navigator.storage?.estimate !== 'function') return null;
  const { usage, quota } = await navigator.storage.estimate();
  return usage === undefined || quota === undefined ? null : { usage, quota };
}

/** The lineage graph's inputs: every live version and every run of a project, read together. */
export const lineageQueries = {
  all: (s: ArtifactStore) => ['lineage', s.id] as const,
  project: (s: ArtifactStore, project: string) =>
    queryOptions({
      queryKey: [...lineageQueries.all(s), project],
      queryFn: asAppErrors(async () => {
        const [versions, runs] = await Promise.all([s.listProjectVersions(project), s.listRuns(project)]);
        return { versions, runs };
      }),
    }),
};

/** After a run was recorded: run lists and lineage change. */
export async function invalidateRuns(qc: QueryClient, s: ArtifactStore): Promise<void> {
  await Promise.all([qc.invalidateQueries({ queryKey: runQueries.all(s) }), qc.invalidateQueries({ queryKey: lineageQueries.all(s) })]);
}

/**
 * After anything changed one artifact (commit, alias move, edit, delete): refetch what may
 * show it. Manifests and blobs are immutable and stay cached.
 */
export async function invalidateArtifact(qc: QueryClient, s: ArtifactStore, artifactId: ArtifactId): Promise<void> {
  await Promise.all([
    qc.invalidateQueries({ queryKey: projectQueries.all(s) }),
    qc.invalidateQueries({ queryKey: artifactQueries.all(s) }),
    qc.invalidateQueries({ queryKey: versionQueries.ofArtifact(s, artifactId) }),
    qc.invalidateQueries({ queryKey: [...versionQueries.all(s), 'project'] }),
    qc.invalidateQueries({ queryKey: aliasQueries.events(s, artifactId).queryKey }),
    qc.invalidateQueries({ queryKey: runQueries.all(s) }),
    qc.invalidateQueries({ queryKey: storageQueries.all(s) }),
    qc.invalidateQueries({ queryKey: lineageQueries.all(s) }),
  ]);
}

/**
 * After versions were deleted: drop every cached query that names them or answered with one
 * (its detail, its manifest, a ref such as `v3` or `latest` that resolved to it) instead of
 * refetching it, so a page still showing a deleted version reports nothing while it is left.
 */
export function forgetVersions(qc: QueryClient, s: ArtifactStore, ids: readonly VersionId[]): void {
  const gone = new Set<unknown>(ids);
  qc.removeQueries({
    predicate: (query) => {
      if (query.queryKey[1] !== s.id) return false;
      if (query.queryKey.some((part) => gone.has(part))) return true;
      const data: unknown = query.state.data;
      return typeof data === 'object' && data !== null && 'id' in data && gone.has(data.id);
    },
  });
}

/** After commitVersion: the artifact list, its versions, `latest`, lineage and runs change. */
export const invalidateAfterCommit = invalidateArtifact;

/**
 * Another tab changed this store: refetch everything that can change. Manifests and blobs are
 * addressed by immutable ids (indices are never reused), so a 100k-entry manifest on screen is
 * not read again.
 */
export async function invalidateMutable(qc: QueryClient, s: ArtifactStore): Promise<void> {
  const immutable = new Set<unknown>([manifestQueries.all(s)[0], blobQueries.all(s)[0]]);
  await qc.invalidateQueries({ predicate: (query) => query.queryKey[1] === s.id && !immutable.has(query.queryKey[0]) });
}

/** After a bulk change (example project, import, GC): refetch every query of this store. */
export async function invalidateStore(qc: QueryClient, s: ArtifactStore): Promise<void> {
  await qc.invalidateQueries({ predicate: (query) => query.queryKey[1] === s.id });
}

/** Another writer's changes, read from the store's change log: refetch exactly what they touched. */
export async function invalidateChanges(qc: QueryClient, s: ArtifactStore, entries: readonly ChangeEntry[]): Promise<void> {
  const artifacts = new Set<ArtifactId>();
  let runsChanged = false;
  for (const entry of entries) {
    if (entry.kind === 'run') runsChanged = true;
    else artifacts.add(entry.artifactId);
    if (entry.kind === 'versions-deleted') forgetVersions(qc, s, entry.versionIds);
  }
  await Promise.all([...[...artifacts].map((id) => invalidateArtifact(qc, s, id)), runsChanged ? invalidateRuns(qc, s) : undefined]);
}

/**
 * Copies one artifact between two stores (push a local artifact to the shared store, or pull
 * one from it), carrying out `planArtifactSync`: versions oldest first with their aliases,
 * producing runs (and those of their inputs the target has) created just before their first
 * output, and only the blobs the target lacks (`hasBlobs`, then `putBlobs` with the source's
 * bytes). It stops between batches when the signal aborts.
 */
import { AppError, isAppError } from '../../domain/errors';
import { aliasesToAdd, blobDigestsOfEntries, orderArtifactsForSync, planArtifactSync, planBlobBatches } from '../../domain/sync-plan';
import type { VersionSyncStep } from '../../domain/sync-plan';
import type { ArtifactId, ArtifactVersion, RunId, VersionId } from '../../domain/types';
import { parseVersionId, artifactIdOf } from '../../domain/types';
import type { ArtifactStore } from '../../store/artifact-store';

export interface SyncProgress {
  /** Versions handled (copied or skipped) so far, of `versionsTotal`. */
  versionsDone: number;
  versionsTotal: number;
  /** Blob bytes sent to the target so far. */
  bytesSent: number;
  /** What is happening now, e.g. "classifier:v1 — sending 3 files". */
  status: string;
}

export interface SyncResult {
  copied: number;
  skipped: number;
  blobsSent: number;
  bytesSent: number;
  /** Blobs the target already held (not sent). */
  blobsSkipped: number;
  runsCreated: number;
}

export interface SyncArtifactOptions {
  source: ArtifactStore;
  target: ArtifactStore;
  artifactId: ArtifactId;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Limits of one putBlobs call (defaults: 8 MB, 32 blobs). */
  batch?: { maxBytes: number; maxCount: number };
}

const DEFAULT_BATCH = { maxBytes: 8_000_000, maxCount: 32 };

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', 'sync cancelled: versions copied so far are kept, the rest were not copied');
}

async function orEmpty<T>(read: Promise<T[]>): Promise<T[]> {
  try {
    return await read;
  } catch (error) {
    if (isAppError(error) && error.code === 'not-found') return [];
    throw error;
  }
}

async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (isAppError(error) && error.code === 'not-found') return null;
    throw error;
  }
}

export async function syncArtifact(options: SyncArtifactOptions): Promise<SyncResult> {
  const { source, target, artifactId, signal, onProgress } = options;
  const limits = options.batch ?? DEFAULT_BATCH;
  const sourceArtifact = await source.getArtifact(artifactId);
  const plan = planArtifactSync(await source.listVersions(artifactId), await orEmpty(target.listVersions(artifactId)));
  const result: SyncResult = { copied: 0, skipped: 0, blobsSent: 0, bytesSent: 0, blobsSkipped: 0, runsCreated: 0 };
  const total = plan.steps.length;
  const report = (status: string) =>
    onProgress?.({ versionsDone: result.copied + result.skipped, versionsTotal: total, bytesSent: result.bytesSent, status });
  /** Source run id → whether the target has it (created or found); false when it cannot be carried over. */
  const runs = new Map<RunId, boolean>();

  /** Maps a source version id to the target's version with the same digest, if the target has one. */
  const targetVersionOf = async (id: VersionId): Promise<VersionId | null> => {
    const parts = parseVersionId(id);
    const version = await orNull(source.getVersion(id));
    if (!parts || !version) return null;
    const found = await orNull(target.findVersionByDigest(artifactIdOf(parts.project, parts.artifactName), version.digest));
    return found?.id ?? null;
  };

  const ensureRun = async (id: RunId): Promise<boolean> => {
    const known = runs.get(id);
    if (known !== undefined) return known;
    let ok = (await orNull(target.getRun(id))) !== null;
    if (!ok) {
      const run = await orNull(source.getRun(id));
      if (run) {
        const inputs: VersionId[] = [];
        for (const input of run.inputs) {
          const mapped = await targetVersionOf(input);
          if (mapped) inputs.push(mapped);
        }
        await target.ensureProject(run.project);
        const { id: runId, project, name, jobType, config, state, startedAt, finishedAt } = run;
        await target.createRun({ id: runId, project, name, jobType, config, state, startedAt, finishedAt, inputs });
        result.runsCreated += 1;
        ok = true;
      }
    }
    runs.set(id, ok);
    return ok;
  };

  const copyBlobs = async (version: ArtifactVersion, label: string) => {
    const entries = await source.readManifest(version.id);
    const blobs = blobDigestsOfEntries(entries);
    const present = await target.hasBlobs(blobs.map((b) => b.digest));
    const batches = planBlobBatches(blobs, present, limits);
    result.blobsSkipped += blobs.length - batches.reduce((n, b) => n + b.length, 0);
    for (const batch of batches) {
      throwIfAborted(signal);
      report(`${label}: sending ${batch.length} file${batch.length === 1 ? '' : 's'}`);
      const inputs = await Promise.all(batch.map(async ({ digest }) => ({ digest, blob: await source.readBlob(digest) })));
      const before = result.bytesSent;
      await target.putBlobs(inputs, {
        ...(signal ? { signal } : {}),
        onProgress: (written) => {
          result.bytesSent = before + written;
          report(`${label}: sending ${batch.length} file${batch.length === 1 ? '' : 's'}`);
        },
      });
      result.bytesSent = before + inputs.reduce((n, b) => n + b.blob.size, 0);
      result.blobsSent += inputs.length;
    }
    return entries;
  };

  const runStep = async (step: VersionSyncStep) => {
    const version = step.source;
    const label = `${version.artifactName}:v${version.index}`;
    if (step.action === 'skip' && step.existing) {
      for (const alias of aliasesToAdd(step)) await target.setAlias(step.existing.id, alias);
      result.skipped += 1;
      report(`${label}: already there as v${step.existing.index}`);
      return;
    }
    report(`${label}: checking files`);
    const entries = await copyBlobs(version, label);
    throwIfAborted(signal);
    const producedBy = version.producedBy !== null && (await ensureRun(version.producedBy)) ? version.producedBy : null;
    report(`${label}: committing`);
    await target.commitVersion({
      project: version.project,
      artifactName: version.artifactName,
      type: version.type,
      entries,
      description: version.description,
      metadata: version.metadata,
      tags: version.tags,
      aliases: step.aliases,
      producedBy,
      ttlSeconds: version.ttlSeconds,
    });
    result.copied += 1;
    report(`${label}: copied`);
  };

  report('planning');
  for (const step of plan.steps) {
    throwIfAborted(signal);
    await runStep(step);
  }
  await carrySettings(target, sourceArtifact.id, sourceArtifact.description, sourceArtifact.protectedAliases);
  report('done');
  return result;
}

/** The artifact's description (when the target has none) and its protected alias names. */
async function carrySettings(target: ArtifactStore, id: ArtifactId, description: string, protectedAliases: readonly string[]) {
  const artifact = await orNull(target.getArtifact(id));
  if (!artifact) return;
  if (description !== '' && artifact.description === '') await target.updateArtifact(id, { description });
  for (const alias of protectedAliases) {
    if (!artifact.protectedAliases.includes(alias)) await target.setAliasProtected(id, alias, true);
  }
}

export interface SyncProjectOptions extends Omit<SyncArtifactOptions, 'artifactId'> {
  project: string;
}

/**
 * Copies every artifact of a project, those used as run inputs first (orderArtifactsForSync), so
 * runs arrive with their inputs. Progress counts versions over the whole project.
 */
export async function syncProject(options: SyncProjectOptions): Promise<SyncResult> {
  const { source, project, onProgress } = options;
  const [artifacts, versions, runs] = await Promise.all([source.listArtifacts(project), source.listProjectVersions(project), source.listRuns(project)]);
  const order = orderArtifactsForSync(
    artifacts.map((a) => a.name),
    versions,
    runs,
  );
  const versionsTotal = artifacts.reduce((n, a) => n + a.versionCount, 0);
  const total: SyncResult = { copied: 0, skipped: 0, blobsSent: 0, bytesSent: 0, blobsSkipped: 0, runsCreated: 0 };
  for (const name of order) {
    throwIfAborted(options.signal);
    const before = { ...total };
    const result = await syncArtifact({
      ...options,
      artifactId: artifactIdOf(project, name),
      onProgress: (p) =>
        onProgress?.({ versionsDone: before.copied + before.skipped + p.versionsDone, versionsTotal, bytesSent: before.bytesSent + p.bytesSent, status: p.status }),
    });
    for (const key of Object.keys(total) as (keyof SyncResult)[]) total[key] += result[key];
  }
  return total;
}

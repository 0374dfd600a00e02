/** Runs and lineage in the record store: creating, updating and deleting runs, and a project's versions for the lineage graph. */
import type {
  ArtifactVersion, Run,
  RunId
} from '../../domain/types';
import type {
  DeleteRunOptions,
  DeleteRunResult, RunInput,
  RunPatch
} from '../artifact-store';
import { onlyKey } from '../record-backend';
import { projectIdBounds } from '../record-mappers';
import { runNotFound } from '../store-errors';
import { applyRunPatch, validateRunInput, validateRunPatch } from '../store-validation';
import { runExistsError, runInputNotLiveError, validRunOutputs } from '../store-rules';
import type { RecordContext } from './record-context';
import { deleteVersionsIn } from './record-deletes';
import { ensureProjectIn, DELETE_STORES, requireProject, toVersions } from './record-tx';

// Runs and lineage

export async function createRun(ctx: RecordContext, input: RunInput): Promise<Run> {
  const run = validateRunInput(input, ctx.now(), ctx.newRunId);
  return ctx.write(['projects', 'runs', 'versions'], async (tx) => {
    await ensureProjectIn(tx, run.project, ctx.now());
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

export async function getRun(ctx: RecordContext, id: RunId): Promise<Run> {
  const run = await ctx.read(['runs'], (tx) => tx.get('runs', id));
  if (!run) throw runNotFound(id);
  return run;
}

export async function updateRun(ctx: RecordContext, id: RunId, patch: RunPatch): Promise<Run> {
  const valid = validateRunPatch(patch);
  return ctx.write(['runs', 'versions'], async (tx) => {
    const run = await tx.get('runs', id);
    if (!run) throw runNotFound(id);
    const next = applyRunPatch(run, valid, ctx.now());
    const added = next.inputs.filter((input) => !run.inputs.includes(input));
    const found = await Promise.all(added.map((input) => tx.get('versions', input)));
    found.forEach((v, i) => {
      if (!v) throw runInputNotLiveError(added[i] ?? '');
    });
    await tx.put('runs', next);
    return next;
  });
}

export async function deleteRun(ctx: RecordContext, id: RunId, options: DeleteRunOptions): Promise<DeleteRunResult> {
  const mode = validRunOutputs(options.outputs);
  return ctx.write([...DELETE_STORES, 'runs'], async (tx) => {
    const run = await tx.get('runs', id);
    if (!run) throw runNotFound(id);
    const outputs = (await tx.getAllFromIndex('versions', 'byProject', onlyKey(run.project))).filter((v) => v.producedBy === id);
    outputs.sort((a, b) => (a.id < b.id ? -1 : 1));
    if (mode === 'delete') {
      await deleteVersionsIn(tx, outputs, options.dropAliases === true, ctx.now());
    } else {
      await Promise.all(outputs.map((v) => tx.put('versions', { ...v, producedBy: null })));
    }
    await tx.delete('runs', id);
    const ids = outputs.map((v) => v.id);
    return mode === 'delete' ? { deletedVersions: ids, keptVersions: [] } : { deletedVersions: [], keptVersions: ids };
  });
}

/** Newest first. */
export async function listRuns(ctx: RecordContext, project: string): Promise<Run[]> {
  return ctx.read(['projects', 'runs'], async (tx) => {
    await requireProject(tx, project);
    const runs = await tx.getAllFromIndex('runs', 'byProject', onlyKey(project));
    return runs.sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1));
  });
}

export async function listProjectVersions(ctx: RecordContext, project: string): Promise<ArtifactVersion[]> {
  return ctx.read(['projects', 'versions', 'aliases'], async (tx) => {
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

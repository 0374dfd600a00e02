import type { Run, VersionId } from '../domain/types';
import { parseVersionId } from '../domain/types';
import type { ArtifactStore } from './artifact-store';

type WithConsumers = { listConsumers(id: VersionId): Promise<Run[]> };

/**
 * The runs that used a version, newest first. A shared store answers from its used-by markers
 * (one listing); elsewhere the project's runs are read and filtered by their inputs.
 */
export async function listConsumers(store: ArtifactStore, id: VersionId): Promise<Run[]> {
  const own = (store as Partial<WithConsumers>).listConsumers;
  if (typeof own === 'function') return own.call(store, id);
  const project = parseVersionId(id)?.project;
  if (project === undefined) return [];
  const runs = await store.listRuns(project);
  return runs.filter((run) => run.inputs.includes(id)).sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1));
}

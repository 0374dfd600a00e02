import { md5Base64 } from '../../domain/digest';
import { AppError } from '../../domain/errors';
import type { ManifestEntry, RunId, VersionId } from '../../domain/types';
import type { ArtifactStore } from '../../store/artifact-store';
import { buildExampleProject, EXAMPLE_PROJECT } from './example-project';
import type { ExampleRun, ExampleVersion } from './example-project';

export type ExampleProgress = { readonly done: number; readonly total: number; readonly label: string };

type LoadOptions = {
  /** Run times are placed in the hours before `now`. */
  now: number;
  onProgress?: (progress: ExampleProgress) => void;
  signal?: AbortSignal;
};

export type LoadedExample = { project: string; versions: ReadonlyMap<string, VersionId> };

/**
 * Logs the example project through the public store API, as a user's runs would: hash each
 * file, stage the blobs, create the run, commit its versions.
 */
export async function loadExampleProject(store: ArtifactStore, options: LoadOptions): Promise<LoadedExample> {
  const steps = buildExampleProject();
  const total = steps.reduce((sum, step) => sum + step.outputs.length, 0);
  const versions = new Map<string, VersionId>();
  let done = 0;

  await store.ensureProject(EXAMPLE_PROJECT);
  for (const step of steps) {
    const runId = step.run ? await createRun(store, step.run, versions, options.now) : null;
    for (const output of step.outputs) {
      options.signal?.throwIfAborted();
      options.onProgress?.({ done, total, label: `Logging ${output.artifactName}` });
      const version = await commitExampleVersion(store, output, runId, options.signal);
      versions.set(output.key, version);
      done++;
    }
  }
  options.onProgress?.({ done, total, label: 'Done' });
  return { project: EXAMPLE_PROJECT, versions };
}

async function createRun(
  store: ArtifactStore,
  run: ExampleRun,
  versions: ReadonlyMap<string, VersionId>,
  now: number,
): Promise<RunId> {
  const inputs = run.inputs.map((key) => {
    const id = versions.get(key);
    if (!id) throw new AppError('internal', `example run "${run.name}" uses "${key}", which was not logged before it`);
    return id;
  });
  const startedAt = now - run.startedHoursAgo * 3_600_000;
  const created = await store.createRun({
    project: EXAMPLE_PROJECT,
    name: run.name,
    jobType: run.jobType,
    config: run.config,
    state: 'finished',
    startedAt,
    finishedAt: startedAt + run.durationMinutes * 60_000,
    inputs,
  });
  return created.id;
}

async function commitExampleVersion(
  store: ArtifactStore,
  version: ExampleVersion,
  producedBy: RunId | null,
  signal: AbortSignal | undefined,
): Promise<VersionId> {
  const entries: ManifestEntry[] = await Promise.all(
    version.files.map(async (file) => ({ path: file.path, digest: await md5Base64(file.bytes), size: file.bytes.length })),
  );
  await store.putBlobs(
    version.files.map((file, i) => ({ digest: entries[i]?.digest ?? '', blob: new Blob([file.bytes]) })),
    { signal },
  );
  const result = await store.commitVersion({
    project: EXAMPLE_PROJECT,
    artifactName: version.artifactName,
    type: version.type,
    entries,
    description: version.description,
    metadata: version.metadata,
    tags: version.tags,
    aliases: version.aliases,
    producedBy,
  });
  return result.version.id;
}

/**
 * The TypeScript SDK: log and use artifacts from code, W&B style, on the same stores as the CLI
 * and the app.
 *
 *   const run = await init({ project: 'cv', jobType: 'upload' });
 *   const artifact = new Artifact('animals', 'dataset').addDir('images');
 *   await run.logArtifact(artifact, { aliases: ['best'] });
 *   await run.finish();
 */
import { AppError } from '../domain/errors';
import type { JsonObject, RunId } from '../domain/types';
import { validateConfig, validateJobType, validateProjectName, validateRunName } from '../domain/validation';
import { openStore } from '../store/node/open-store';
import { runContextInfo } from '../store/node/run-info';
import type { Env } from '../store/node/store-spec';
import { Run } from './run';

export { Artifact } from './artifact';
export type { ArtifactOptions } from './artifact';
export { Run, UsedArtifact } from './run';
export { AppError as ArtifactStudioError } from '../domain/errors';
export type { AppErrorCode as ArtifactStudioErrorCode } from '../domain/errors';
export type { ArtifactVersion, ManifestEntry, JsonObject } from '../domain/types';

export interface InitOptions {
  /** Default: ARTIFACT_STUDIO_PROJECT, else "uncategorized". */
  project?: string;
  jobType?: string;
  name?: string;
  config?: JsonObject;
  /** `s3://bucket/prefix` or a folder; default ARTIFACT_STUDIO_STORE, else the local folder store. */
  store?: string;
  /** Default process.env. */
  env?: Env;
}

/**
 * Starts a run (state running), or joins the run of ARTIFACT_STUDIO_RUN_ID when called inside
 * `artifact-studio run`. Throws ArtifactStudioError (code + message) on a bad store or name.
 */
export async function init(options: InitOptions = {}): Promise<Run> {
  const env = options.env ?? process.env;
  const { store } = await openStore({ ...(options.store === undefined ? {} : { store: options.store }), env });
  const joinedId = env['ARTIFACT_STUDIO_RUN_ID']?.trim();
  if (joinedId) {
    const run = await store.getRun(joinedId as RunId);
    return new Run({ store, id: run.id, project: run.project, joined: true, info: run.info ?? {}, env });
  }
  const project = validateProjectName(options.project ?? env['ARTIFACT_STUDIO_PROJECT'] ?? 'uncategorized');
  await store.ensureProject(project);
  const info = runContextInfo(process.argv.slice(1));
  const jobType = validateJobType(options.jobType ?? 'run');
  const run = await store.createRun({
    project,
    name: validateRunName(options.name ?? `${jobType}-${new Date().toISOString()}`),
    jobType,
    config: validateConfig(options.config ?? {}),
    state: 'running',
    startedAt: Date.now(),
    inputs: [],
    info,
  });
  return new Run({ store, id: run.id, project, joined: false, info, env });
}

/** True for the errors the SDK throws (they carry a stable `code`). */
export function isArtifactStudioError(error: unknown): error is AppError {
  return error instanceof AppError;
}

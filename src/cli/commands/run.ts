/**
 * `run … -- CMD`: the no-code-change path. Records a running run (command line, config, host,
 * git commit, start), downloads the --use inputs (the run's inputs), runs CMD with its output
 * streamed and the run id and input folders in its environment; on exit 0 logs each --log
 * folder as a version the run produced and marks it finished; on a non-zero exit marks it
 * failed, logs nothing and exits with CMD's code; on Ctrl-C marks it cancelled, no version.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { constants } from 'node:os';
import { AppError } from '../../domain/errors';
import type { ArtifactVersion, JsonObject, JsonValue, VersionId } from '../../domain/types';
import { validateAliases, validateArtifactType, validateConfig, validateJobType, validateRunName } from '../../domain/validation';
import type { ArtifactStore } from '../../store/artifact-store';
import { downloadRecordPath } from '../../store/node/download-record';
import { downloadVersion } from '../../store/node/download-version';
import { listFolder } from '../../store/node/local-folder';
import { runContextInfo } from '../../store/node/run-info';
import { artifactStudioHome } from '../../store/node/store-spec';
import { homedir } from 'node:os';
import { EXIT_INTERRUPTED, ExitWith, UsageError } from '../cli-errors';
import type { CommandContext } from '../context';
import type { ArtifactRef } from '../refs';
import { parseArtifactRef } from '../refs';
import { logFilesWithProgress, readJsonOption } from './put';
import { resolveRef } from './resolve';

export interface RunOptions {
  readonly name?: string;
  readonly jobType: string;
  readonly config?: readonly string[];
  readonly use?: readonly string[];
  readonly log?: readonly string[];
  readonly alias?: readonly string[];
}

interface UseSpec {
  readonly text: string;
  readonly dir: string | null;
}

interface LogSpec {
  readonly target: ArtifactRef;
  readonly type: string;
  readonly dir: string;
}

/** `REF[=DIR]`. */
function parseUse(text: string): UseSpec {
  const at = text.indexOf('=');
  return at < 0 ? { text, dir: null } : { text: text.slice(0, at), dir: text.slice(at + 1) };
}

/** `NAME:TYPE=DIR`, NAME being `[project/]artifact`. */
function parseLog(text: string, project: string): LogSpec {
  const match = /^([^:=]+):([^=]+)=(.+)$/.exec(text);
  if (!match?.[1] || !match[2] || !match[3]) throw new UsageError(`--log ${text}: write NAME:TYPE=DIR, e.g. --log model:model=out/model`);
  const target = parseArtifactRef(match[1], project);
  return { target, type: validateArtifactType(match[2]), dir: match[3] };
}

/** `k=v` (v parsed as JSON when it is JSON, else kept as text) or `@file.json`. */
async function parseConfig(items: readonly string[]): Promise<JsonObject> {
  const config: Record<string, JsonValue> = {};
  for (const item of items) {
    if (item.startsWith('@')) {
      const value = await readJsonOption(item, '--config');
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`--config ${item}: the file must hold a JSON object`);
      Object.assign(config, value);
      continue;
    }
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`--config ${item}: write key=value or @file.json`);
    const raw = item.slice(at + 1);
    let value: JsonValue = raw;
    try {
      value = JSON.parse(raw) as JsonValue;
    } catch {
      // plain text
    }
    config[item.slice(0, at)] = value;
  }
  return validateConfig(config);
}

/** The command line on one line (an inline script may span several), cut to a run name's 128 characters. */
export function defaultRunName(command: readonly string[]): string {
  const oneLine = command.join(' ').replace(/[\p{Cc}\s]+/gu, ' ').trim();
  const chars = Array.from(oneLine);
  return chars.length <= 128 ? oneLine : `${chars.slice(0, 127).join('')}…`;
}

const envName = (artifactName: string) => `ARTIFACT_STUDIO_INPUT_${artifactName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

export async function runCommand(context: CommandContext, command: readonly string[], options: RunOptions): Promise<void> {
  const { out, signal } = context;
  if (command.length === 0) throw new UsageError('run: give the command after --, e.g. artifact-studio run -- python train.py');
  const config = await parseConfig(options.config ?? []);
  const uses = (options.use ?? []).map(parseUse);
  const logs = (options.log ?? []).map((text) => parseLog(text, context.project));
  const aliases = validateAliases(options.alias ?? []);
  const jobType = validateJobType(options.jobType);
  const name = validateRunName(options.name ?? defaultRunName(command));
  const { store } = await context.openStore();

  const inputs: ArtifactVersion[] = [];
  for (const use of uses) inputs.push(await resolveRef(store, context, use.text));
  await store.ensureProject(context.project);
  const info = runContextInfo(command);
  const run = await store.createRun({
    project: context.project,
    name,
    jobType,
    config,
    state: 'running',
    startedAt: Date.now(),
    inputs: inputs.map((v) => v.id),
    info,
  });
  out.note(`run ${run.id} (${context.project}) started: ${command.join(' ')}`);
  const finish = (state: 'finished' | 'failed' | 'cancelled', exitCode: number | null) =>
    store.updateRun(run.id, { state, finishedAt: Date.now(), info: { ...info, exitCode } });

  try {
    const childEnv: Record<string, string | undefined> = {
      ...process.env,
      ARTIFACT_STUDIO_RUN_ID: run.id,
      ARTIFACT_STUDIO_PROJECT: context.project,
      ...(context.storeFlag === undefined ? {} : { ARTIFACT_STUDIO_STORE: context.storeFlag }),
    };
    const dirs: Record<string, string> = {};
    for (const [i, version] of inputs.entries()) {
      const root = resolve(uses[i]?.dir ?? `artifacts/${version.artifactName}:v${version.index}`);
      await downloadInput(context, store, version, root);
      dirs[version.id] = root;
      childEnv[envName(version.artifactName)] = root;
    }
    childEnv['ARTIFACT_STUDIO_INPUTS'] = JSON.stringify(dirs);

    const exit = await runChild(command, childEnv, signal);
    if (signal.aborted) {
      await finish('cancelled', exit);
      out.note(`run ${run.id} cancelled: nothing was logged`);
      throw new ExitWith(EXIT_INTERRUPTED);
    }
    if (exit !== 0) {
      await finish('failed', exit);
      out.note(`run ${run.id} failed: ${command[0]} exited with ${exit}; nothing was logged`);
      throw new ExitWith(exit ?? 1);
    }
    const logged: VersionId[] = [];
    for (const log of logs) {
      const files = await listFolder(resolve(log.dir));
      if (files.length === 0) throw new AppError('invalid-path', `--log ${log.target.artifactName}: ${log.dir} holds no files after the command ran`);
      const { version, created } = await logFilesWithProgress(context, store, {
        project: log.target.project,
        artifactName: log.target.artifactName,
        type: log.type,
        files,
        aliases,
        producedBy: run.id,
      });
      logged.push(version.id);
      out.line(created ? `logged ${version.id}` : `logged ${version.id} (identical content: no new version)`);
    }
    const finished = await finish('finished', 0);
    out.result({ run: finished, outputs: logged });
    out.note(`run ${run.id} finished in ${((finished.finishedAt ?? Date.now()) - finished.startedAt) / 1000} s`);
  } catch (error) {
    if (error instanceof ExitWith) throw error;
    const cancelled = signal.aborted || (error instanceof AppError && error.code === 'cancelled');
    await finish(cancelled ? 'cancelled' : 'failed', null).catch(() => undefined);
    throw error;
  }
}

async function downloadInput(context: CommandContext, store: ArtifactStore, version: ArtifactVersion, root: string): Promise<void> {
  const entries = await store.readManifest(version.id);
  const progress = context.out.progress(`downloading ${version.id}`, entries.length, 'files');
  const recordFile = downloadRecordPath(artifactStudioHome({ env: context.env, home: homedir() }), root);
  try {
    await downloadVersion(store, entries, root, { recordFile, signal: context.signal, onProgress: (p) => progress.update(p.filesDone) });
  } finally {
    progress.stop();
  }
}

/** Runs the command with inherited stdio; Ctrl-C is passed on to it. Its exit code (128 + n when a signal ended it). */
function runChild(command: readonly string[], env: Record<string, string | undefined>, signal: AbortSignal): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const [file, ...args] = command as [string, ...string[]];
    const child = spawn(file, args, { stdio: 'inherit', env });
    const interrupt = () => child.kill('SIGINT');
    signal.addEventListener('abort', interrupt, { once: true });
    child.on('error', (error) => {
      signal.removeEventListener('abort', interrupt);
      reject(new AppError('not-found', `cannot start ${file}: ${error.message}`, { cause: error }));
    });
    child.on('close', (code, killedBy) => {
      signal.removeEventListener('abort', interrupt);
      const signalNumber = killedBy ? (constants.signals as Record<string, number>)[killedBy] : undefined;
      resolvePromise(code ?? 128 + (signalNumber ?? 1));
    });
  });
}

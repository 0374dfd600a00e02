/**
 * Rules for runs as they go: which states exist, how a run may end, and what info it may
 * carry. Pure; the stores apply them when they create or update a run.
 */
import { AppError } from './errors';
import { quoteForMessage } from './paths';
import type { RunInfo, RunState } from './types';

export const RUN_STATES = ['running', 'finished', 'failed', 'crashed', 'cancelled'] as const satisfies readonly RunState[];

/** Ours: info is listed with every run of a project; a command line longer than this is a mistake. */
export const MAX_RUN_INFO_BYTES = 64 * 1024;
export const MAX_COMMAND_ARGS = 4096;
/** Longest host name DNS allows. */
export const MAX_HOST_LENGTH = 253;
export const MAX_CWD_LENGTH = 4096;
export const MAX_ACTOR_LENGTH = 128;

const RUN_INFO_FIELDS = ['command', 'host', 'cwd', 'gitCommit', 'exitCode', 'actor'] as const;
const CONTROL_CHAR = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;
/** A full or abbreviated git object name (SHA-1 or SHA-256), as `git rev-parse` prints it. */
const GIT_COMMIT = /^[0-9a-f]{4,64}$/;

/** A value for a message: numbers as they are, strings quoted, anything else by its kind. */
function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return quoteForMessage(value);
  return value === null ? 'null' : `a value of type ${typeof value}`;
}

function invalid(message: string, details: Record<string, unknown> = {}): never {
  throw new AppError('invalid-config', message, { details });
}

export function validateRunState(value: unknown): RunState {
  if (typeof value !== 'string' || !(RUN_STATES as readonly string[]).includes(value)) {
    invalid(`run state ${shown(value)} must be one of ${RUN_STATES.join(', ')}`);
  }
  return value as RunState;
}

function infoString(value: unknown, field: string, maxLength: number, controlsAllowed: boolean): string {
  if (typeof value !== 'string') invalid(`run info ${field} must be a string, got ${value === null ? 'null' : typeof value}`);
  if (LONE_SURROGATE.test(value)) invalid(`run info ${field} ${quoteForMessage(value)} is not valid Unicode (it has a lone surrogate)`);
  if (!controlsAllowed && CONTROL_CHAR.test(value)) invalid(`run info ${field} ${quoteForMessage(value)} may not contain control characters`);
  if (value.length > maxLength) invalid(`run info ${field} is ${value.length} characters long; at most ${maxLength} are allowed`);
  return value;
}

function validateCommand(value: unknown): string[] {
  if (!Array.isArray(value)) invalid('run info command must be a list of strings (one per argument)');
  if (value.length > MAX_COMMAND_ARGS) invalid(`run info command has ${value.length} arguments; at most ${MAX_COMMAND_ARGS} are allowed`);
  // Arguments may hold newlines and tabs (python -c "…"); the total size bounds them.
  return (value as unknown[]).map((arg, i) => infoString(arg, `command[${i}]`, MAX_RUN_INFO_BYTES, true));
}

function validateExitCode(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) invalid(`run info exitCode ${shown(value)} must be a whole number or null`);
  return value;
}

/** Bytes of the info as UTF-8 JSON. */
export function runInfoBytes(info: RunInfo): number {
  return new TextEncoder().encode(JSON.stringify(info)).length;
}

function checkInfoSize(info: RunInfo): void {
  const bytes = runInfoBytes(info);
  if (bytes > MAX_RUN_INFO_BYTES) {
    invalid(`run info is ${bytes} bytes as JSON; at most ${MAX_RUN_INFO_BYTES} are allowed`, { bytes, maxBytes: MAX_RUN_INFO_BYTES });
  }
}

/**
 * The info fields given, checked: known fields only, strings without lone surrogates (and
 * without control characters except in the command), a git commit as hex, at most 64 KiB in all.
 * Fields set to undefined are left out.
 */
export function validateRunInfo(value: unknown): RunInfo {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid('run info must be an object');
  const source = value as Record<string, unknown>;
  const unknown = Object.keys(source).filter((key) => !(RUN_INFO_FIELDS as readonly string[]).includes(key));
  if (unknown[0] !== undefined) invalid(`run info has an unknown field ${quoteForMessage(unknown[0])}; known fields: ${RUN_INFO_FIELDS.join(', ')}`);
  const info: { -readonly [K in keyof RunInfo]: RunInfo[K] } = {};
  if (source.command !== undefined) info.command = validateCommand(source.command);
  if (source.host !== undefined) info.host = infoString(source.host, 'host', MAX_HOST_LENGTH, false);
  if (source.cwd !== undefined) info.cwd = infoString(source.cwd, 'cwd', MAX_CWD_LENGTH, false);
  if (source.gitCommit !== undefined) {
    const commit = infoString(source.gitCommit, 'gitCommit', 64, false);
    if (!GIT_COMMIT.test(commit)) invalid(`run info gitCommit ${quoteForMessage(commit)} must be a commit id: 4 to 64 lowercase hex digits`);
    info.gitCommit = commit;
  }
  if (source.exitCode !== undefined) info.exitCode = validateExitCode(source.exitCode);
  if (source.actor !== undefined) info.actor = infoString(source.actor, 'actor', MAX_ACTOR_LENGTH, false);
  checkInfoSize(info);
  return info;
}

/** `current` with the fields of `patch` replaced; refused when the result is over the size limit. */
export function mergeRunInfo(current: RunInfo | undefined, patch: RunInfo): RunInfo {
  const merged = { ...current, ...patch };
  checkInfoSize(merged);
  return merged;
}

export interface RunTimes {
  readonly state: RunState;
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

export interface RunEndChange {
  readonly state?: RunState;
  readonly finishedAt?: number | null;
}

function validateEndTime(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    invalid(`run end ${shown(value)} must be a time in milliseconds since 1970`);
  }
  return value;
}

/**
 * The state and end time a run has after `change` at `now`. Only a running run changes state;
 * a run that ended accepts its own state and end time again (a retried update) and nothing
 * else ('conflict'). Ending without an end time ends it at `now` (not before its start).
 */
export function nextRunEnd(runId: string, run: RunTimes, change: RunEndChange, now: number): { state: RunState; finishedAt: number | null } {
  const state = change.state === undefined ? run.state : validateRunState(change.state);
  const finishedAt = change.finishedAt === undefined ? undefined : validateEndTime(change.finishedAt);
  const name = quoteForMessage(runId);
  if (run.state !== 'running') {
    if (state !== run.state) {
      const why = state === 'running' ? 'a run that ended cannot go back to running' : `its end state is kept`;
      throw new AppError('conflict', `run ${name} already ended (${run.state}); ${why}`, { details: { runId, state: run.state, requested: state } });
    }
    if (finishedAt !== undefined && finishedAt !== run.finishedAt) {
      throw new AppError('conflict', `run ${name} already ended (${run.state}); its end time cannot change`, { details: { runId } });
    }
    return { state, finishedAt: run.finishedAt };
  }
  if (state === 'running') {
    if (finishedAt !== undefined && finishedAt !== null) invalid(`run ${name} is still running: give how it ended (finished, failed, crashed, cancelled) with its end time`);
    return { state, finishedAt: run.finishedAt };
  }
  const end = finishedAt === undefined ? Math.max(now, run.startedAt) : finishedAt;
  if (end !== null && end < run.startedAt) invalid(`run end ${end} is before its start ${run.startedAt}`, { startedAt: run.startedAt, finishedAt: end });
  return { state, finishedAt: end };
}

import { describe, expect, it } from 'vitest';
import { errorOf, expectRefusal } from '../test/app-error';
import { MAX_COMMAND_ARGS, MAX_RUN_INFO_BYTES, mergeRunInfo, nextRunEnd, runInfoBytes, validateRunInfo, validateRunState } from './run-rules';
import type { RunTimes } from './run-rules';

describe('validateRunState', () => {
  it.each(['running', 'finished', 'failed', 'crashed', 'cancelled'])('accepts %j', (state) => {
    expect(validateRunState(state)).toBe(state);
  });

  it.each([
    ['paused', 'run state "paused" must be one of running, finished, failed, crashed, cancelled'],
    [3, 'run state 3 must be one of running, finished, failed, crashed, cancelled'],
  ])('refuses %j', (state, message) => {
    expectRefusal(() => validateRunState(state), 'invalid-config', message);
  });
});

describe('validateRunInfo', () => {
  it('keeps the fields given and leaves out undefined ones', () => {
    const info = { command: ['python', '-c', 'print(1)\nprint(2)'], host: 'gpu-1', cwd: '/w', gitCommit: 'abc1234', exitCode: -1, actor: 'ana' };
    expect(validateRunInfo(info)).toEqual(info);
    expect(validateRunInfo({ host: undefined, exitCode: null })).toEqual({ exitCode: null });
    expect(validateRunInfo({})).toEqual({});
  });

  it.each<[unknown, string]>([
    [null, 'run info must be an object'],
    [['python'], 'run info must be an object'],
    [{ shell: 'bash' }, 'run info has an unknown field "shell"; known fields: command, host, cwd, gitCommit, exitCode, actor'],
    [{ command: 'python train.py' }, 'run info command must be a list of strings (one per argument)'],
    [{ command: ['ok', 3] }, 'run info command[1] must be a string, got number'],
    [{ command: Array.from({ length: MAX_COMMAND_ARGS + 1 }, () => 'a') }, `run info command has ${MAX_COMMAND_ARGS + 1} arguments; at most ${MAX_COMMAND_ARGS} are allowed`],
    [{ command: ['\uD800'] }, 'run info command[0] "\\ud800" is not valid Unicode (it has a lone surrogate)'],
    [{ host: null }, 'run info host must be a string, got null'],
    [{ host: 'a\tb' }, 'run info host "a\\tb" may not contain control characters'],
    [{ host: 'h'.repeat(254) }, 'run info host is 254 characters long; at most 253 are allowed'],
    [{ cwd: '/'.repeat(4097) }, 'run info cwd is 4097 characters long; at most 4096 are allowed'],
    [{ gitCommit: 'ABCDEF1' }, 'run info gitCommit "ABCDEF1" must be a commit id: 4 to 64 lowercase hex digits'],
    [{ gitCommit: 'abc' }, 'run info gitCommit "abc" must be a commit id: 4 to 64 lowercase hex digits'],
    [{ exitCode: '0' }, 'run info exitCode "0" must be a whole number or null'],
    [{ exitCode: Number.NaN }, 'run info exitCode NaN must be a whole number or null'],
    [{ actor: 'x'.repeat(129) }, 'run info actor is 129 characters long; at most 128 are allowed'],
  ])('refuses %j', (info, message) => {
    expectRefusal(() => validateRunInfo(info), 'invalid-config', message);
  });

  it('bounds the whole info as UTF-8 JSON', () => {
    const big = { command: Array.from({ length: 100 }, () => 'é'.repeat(400)) };
    const bytes = runInfoBytes(big);
    expect(bytes).toBeGreaterThan(MAX_RUN_INFO_BYTES);
    const error = errorOf(() => validateRunInfo(big));
    expect(error.message).toBe(`run info is ${bytes} bytes as JSON; at most ${MAX_RUN_INFO_BYTES} are allowed`);
    expect(error.details).toEqual({ bytes, maxBytes: MAX_RUN_INFO_BYTES });
  });
});

describe('mergeRunInfo', () => {
  it('replaces the fields given and keeps the others', () => {
    expect(mergeRunInfo({ host: 'a', command: ['x'] }, { host: 'b', exitCode: 1 })).toEqual({ host: 'b', command: ['x'], exitCode: 1 });
    expect(mergeRunInfo(undefined, { exitCode: null })).toEqual({ exitCode: null });
  });

  it('refuses a merge over the size limit', () => {
    const half = 'a'.repeat(MAX_RUN_INFO_BYTES / 2);
    // Each part is valid on its own; together they are too big.
    const patch = validateRunInfo({ cwd: 'c'.repeat(4096), host: 'h'.repeat(253) });
    expect(errorOf(() => mergeRunInfo(validateRunInfo({ command: ['a'.repeat(61_500)] }), patch)).code).toBe('invalid-config');
    expect(errorOf(() => mergeRunInfo({ command: [half, half] }, {})).message).toMatch(/at most 65536 are allowed/);
  });
});

describe('nextRunEnd', () => {
  const running: RunTimes = { state: 'running', startedAt: 1_000, finishedAt: null };
  const ended: RunTimes = { state: 'failed', startedAt: 1_000, finishedAt: 2_000 };

  it.each<[string, RunTimes, Parameters<typeof nextRunEnd>[2], { state: string; finishedAt: number | null }]>([
    ['ends at now when no end time is given', running, { state: 'finished' }, { state: 'finished', finishedAt: 9_000 }],
    ['ends at the end time given', running, { state: 'cancelled', finishedAt: 1_500 }, { state: 'cancelled', finishedAt: 1_500 }],
    ['ends with an unknown end time', running, { state: 'crashed', finishedAt: null }, { state: 'crashed', finishedAt: null }],
    ['keeps running with nothing to change', running, {}, { state: 'running', finishedAt: null }],
    ['keeps running when asked to (no end time)', running, { state: 'running', finishedAt: null }, { state: 'running', finishedAt: null }],
    ['accepts an ended run its own state again', ended, { state: 'failed', finishedAt: 2_000 }, { state: 'failed', finishedAt: 2_000 }],
    ['leaves an ended run as it is', ended, {}, { state: 'failed', finishedAt: 2_000 }],
  ])('%s', (_, run, change, expected) => {
    expect(nextRunEnd('r1', run, change, 9_000)).toEqual(expected);
  });

  it('never ends a run before its start when the clock is behind', () => {
    expect(nextRunEnd('r1', running, { state: 'finished' }, 500)).toEqual({ state: 'finished', finishedAt: 1_000 });
  });

  it.each<[string, RunTimes, Parameters<typeof nextRunEnd>[2], 'conflict' | 'invalid-config', string]>([
    ['back to running', ended, { state: 'running' }, 'conflict', 'run "r1" already ended (failed); a run that ended cannot go back to running'],
    ['another end state', ended, { state: 'finished' }, 'conflict', 'run "r1" already ended (failed); its end state is kept'],
    ['a new end time', ended, { finishedAt: 3_000 }, 'conflict', 'run "r1" already ended (failed); its end time cannot change'],
    ['an end time while running', running, { finishedAt: 3_000 }, 'invalid-config', 'run "r1" is still running: give how it ended (finished, failed, crashed, cancelled) with its end time'],
    ['an end before the start', running, { state: 'failed', finishedAt: 999 }, 'invalid-config', 'run end 999 is before its start 1000'],
    ['an end that is not a time', running, { state: 'failed', finishedAt: -1 }, 'invalid-config', 'run end -1 must be a time in milliseconds since 1970'],
    ['an unknown state', running, { state: 'paused' as never }, 'invalid-config', 'run state "paused" must be one of running, finished, failed, crashed, cancelled'],
  ])('refuses %s', (_, run, change, code, message) => {
    expectRefusal(() => nextRunEnd('r1', run, change, 9_000), code, message);
  });
});

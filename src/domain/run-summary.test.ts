import { describe, expect, it } from 'vitest';
import { describeRunDuration, describeRunOutcome, formatCommandLine, formatElapsed, shellQuote } from './run-summary';
import type { Run } from './types';

describe('formatCommandLine', () => {
  it.each([
    [['python', 'train.py', '--lr=0.1', 'data/x.csv'], 'python train.py --lr=0.1 data/x.csv'],
    [['echo', 'two words'], "echo 'two words'"],
    [['echo', "it's"], `echo 'it'\\''s'`],
    [['sh', '-c', 'a && b'], "sh -c 'a && b'"],
    [['x', ''], "x ''"],
    [['python', '-c', 'print(1)\nprint(2)'], "python -c 'print(1)\nprint(2)'"],
    [['echo', '$HOME'], "echo '$HOME'"],
  ])('%j → %s', (args, line) => {
    expect(formatCommandLine(args)).toBe(line);
  });

  it('quotes only what a shell would not take literally', () => {
    expect(shellQuote('a-b_c.d/e:f,g+h@i%j^k=l')).toBe('a-b_c.d/e:f,g+h@i%j^k=l');
    expect(shellQuote('*.csv')).toBe("'*.csv'");
  });
});

describe('formatElapsed', () => {
  it.each([
    [-5, 'under a minute'],
    [59_999, 'under a minute'],
    [60_000, '1 min'],
    [3 * 60_000 + 59_000, '3 min'],
    [60 * 60_000, '1 h'],
    [125 * 60_000, '2 h 5 min'],
    [24 * 3_600_000, '1 d'],
    [(3 * 24 + 4) * 3_600_000 + 59 * 60_000, '3 d 4 h'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

const run = (patch: Partial<Run>): Run => ({
  id: 'r' as Run['id'],
  project: 'p',
  name: 'r',
  jobType: 'train',
  state: 'running',
  config: {},
  startedAt: 1_000_000,
  finishedAt: null,
  inputs: [],
  ...patch,
});

describe('describeRunOutcome', () => {
  it.each<[Partial<Run>, string]>([
    [{}, 'Running'],
    [{ state: 'finished' }, 'Finished'],
    [{ state: 'finished', info: { exitCode: 0 } }, 'Finished (exit code 0)'],
    [{ state: 'failed' }, 'Failed'],
    [{ state: 'failed', info: { exitCode: 2 } }, 'Failed with exit code 2'],
    [{ state: 'failed', info: { exitCode: null } }, 'Failed (ended by a signal, no exit code)'],
    [{ state: 'finished', info: { exitCode: null } }, 'Finished'],
    [{ state: 'cancelled', info: { exitCode: 130 } }, 'Cancelled'],
    [{ state: 'crashed' }, 'Crashed (stopped without reporting how it ended)'],
  ])('%j → %s', (patch, text) => {
    expect(describeRunOutcome(run(patch))).toBe(text);
  });
});

describe('describeRunDuration', () => {
  it('counts a running run up to now', () => {
    expect(describeRunDuration(run({}), 1_000_000 + 3 * 60_000 + 10_000)).toBe('running for 3 min');
  });

  it('gives an ended run its duration whatever the clock says, and nothing when its end is unknown', () => {
    expect(describeRunDuration(run({ state: 'failed', finishedAt: 1_000_000 + 192_000 }), 9e12)).toBe('3m 12s');
    expect(describeRunDuration(run({ state: 'crashed', finishedAt: null }), 9e12)).toBeNull();
  });
});

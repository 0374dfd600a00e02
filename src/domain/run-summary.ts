/**
 * How a run is described to people: its command line as a shell would take it, how it ended
 * and how long it took (or has been running). Pure: the caller passes the clock.
 */
import { formatDuration } from './format';
import type { Run } from './types';

// Characters a POSIX shell takes literally outside quotes.
const SHELL_SAFE = /^[A-Za-z0-9_\-./=:,+@%^]+$/;

/** One argument as a POSIX shell would read it back: bare when safe, else single-quoted. */
export function shellQuote(arg: string): string {
  if (SHELL_SAFE.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** `['python', 'train.py', '--name', 'my run']` → `python train.py --name 'my run'`. */
export function formatCommandLine(args: readonly string[]): string {
  return args.map(shellQuote).join(' ');
}

/** Coarse elapsed time for something still going: "under a minute", "3 min", "2 h 5 min", "3 d 4 h". */
export function formatElapsed(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

type RunTiming = Pick<Run, 'state' | 'startedAt' | 'finishedAt' | 'info'>;

/** How the run ended, with its exit code when it has one: "Failed with exit code 2", "Cancelled", "Running". */
export function describeRunOutcome(run: RunTiming): string {
  const exitCode = run.info?.exitCode;
  switch (run.state) {
    case 'running':
      return 'Running';
    case 'finished':
      return exitCode === undefined || exitCode === null ? 'Finished' : `Finished (exit code ${exitCode})`;
    case 'failed':
      if (exitCode === null) return 'Failed (ended by a signal, no exit code)';
      return exitCode === undefined ? 'Failed' : `Failed with exit code ${exitCode}`;
    case 'cancelled':
      return 'Cancelled';
    case 'crashed':
      return 'Crashed (stopped without reporting how it ended)';
  }
}

/** "running for 3 min" while it runs, its duration once it ended, null when the end is unknown. */
export function describeRunDuration(run: RunTiming, now: number): string | null {
  if (run.state === 'running') return `running for ${formatElapsed(now - run.startedAt)}`;
  if (run.finishedAt === null) return null;
  return formatDuration(run.finishedAt - run.startedAt);
}

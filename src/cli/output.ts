/**
 * What a command prints: results on stdout (JSON with --json), progress and notes on stderr.
 * A progress bar (bytes, rate, ETA) only on a terminal; elsewhere one quiet line per phase.
 */
import type { SingleBar } from 'cli-progress';
import { formatBytes, formatCount } from '../domain/format';

export interface Output {
  readonly json: boolean;
  /** A result line (text mode) — suppressed with --json, where `result` prints instead. */
  line(text: string): void;
  /** The command's result as JSON (only with --json). */
  result(value: unknown): void;
  /** A note on stderr, e.g. "opened read-only". */
  note(text: string): void;
  progress(label: string, total: number, unit: 'bytes' | 'files'): Progress;
}

export interface Progress {
  update(done: number): void;
  stop(): void;
}

const quietProgress: Progress = { update: () => undefined, stop: () => undefined };

export function createOutput(json: boolean, stream: NodeJS.WriteStream = process.stderr): Output {
  return {
    json,
    line: (text) => {
      if (!json) process.stdout.write(`${text}\n`);
    },
    result: (value) => {
      if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    note: (text) => {
      stream.write(`${text}\n`);
    },
    progress: (label, total, unit) => {
      const amount = unit === 'bytes' ? formatBytes(total) : `${formatCount(total)} files`;
      if (!stream.isTTY || json) {
        if (!json) stream.write(`${label} ${amount}\n`);
        return quietProgress;
      }
      return barProgress(label, total, unit, stream);
    },
  };
}

function barProgress(label: string, total: number, unit: 'bytes' | 'files', stream: NodeJS.WriteStream): Progress {
  const started = Date.now();
  let bar: SingleBar | null = null;
  let done = 0;
  const text = (value: number) => (unit === 'bytes' ? formatBytes(value) : formatCount(value));
  const payload = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? Math.max(0, (total - done) / rate) : null;
    return { amount: `${text(done)} / ${text(total)}`, rate: `${text(rate)}/s`, eta: eta === null ? '–' : `${Math.ceil(eta)} s` };
  };
  // cli-progress is loaded only when a bar is drawn (start-up of --help and ls stays small).
  void import('cli-progress').then(({ SingleBar }) => {
    bar = new SingleBar({ stream, format: `${label} [{bar}] {percentage}% {amount} {rate} ETA {eta}`, hideCursor: true, clearOnComplete: true });
    bar.start(Math.max(total, 1), done, payload());
  });
  return {
    update: (value) => {
      done = value;
      bar?.update(Math.min(value, Math.max(total, 1)), payload());
    },
    stop: () => {
      bar?.stop();
      bar = null;
    },
  };
}

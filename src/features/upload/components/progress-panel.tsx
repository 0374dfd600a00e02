import { formatBytes, formatCount, formatDuration } from '../../../domain/format';
import { Button } from '../../../ui/button';
import { throughput } from '../ingest-progress';
import type { IngestProgress } from '../ingest-progress';

type ProgressPanelProps = { progress: IngestProgress; onCancel: () => void };

const phases: Record<IngestProgress['phase'], string> = {
  hashing: 'Reading and hashing files',
  checking: 'Checking what the store already has',
  writing: 'Writing new file contents',
  committing: 'Committing the version',
};

/** Files and bytes done of total, speed, time left, the current file, and Cancel. */
export function ProgressPanel({ progress, onCancel }: ProgressPanelProps) {
  const { bytesPerSecond, etaMs } = throughput(progress);
  const fraction = progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : progress.phase === 'committing' ? 1 : 0;
  const percent = Math.round(Math.min(1, fraction) * 100);

  return (
    <section aria-label="Upload progress" className="rounded-md border border-indigo-200 bg-indigo-50/60 p-3 text-sm dark:border-indigo-900 dark:bg-indigo-950/30">
      <div className="mb-2 flex items-center justify-between gap-2">
        <p className="font-medium text-slate-900 dark:text-slate-100">{phases[progress.phase]}…</p>
        <Button size="sm" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      <div
        role="progressbar"
        aria-label={phases[progress.phase]}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-indigo-100 dark:bg-indigo-950"
      >
        <div className="h-full bg-indigo-600 transition-[width] duration-150" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-2 flex flex-wrap gap-x-3 text-xs text-slate-600 tabular-nums dark:text-slate-400">
        {progress.filesTotal > 0 && (
          <span>
            {formatCount(progress.filesDone)} / {formatCount(progress.filesTotal)} files
          </span>
        )}
        <span>
          {formatBytes(progress.bytesDone)} / {formatBytes(progress.bytesTotal)}
        </span>
        {bytesPerSecond > 0 && <span>{formatBytes(bytesPerSecond)}/s</span>}
        {etaMs !== null && <span>{formatDuration(etaMs)} left</span>}
      </p>
      {progress.current && (
        <p className="mt-1 truncate font-mono text-xs text-slate-500 dark:text-slate-400" title={progress.current}>
          {progress.current}
        </p>
      )}
    </section>
  );
}

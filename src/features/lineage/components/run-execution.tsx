import type { Run } from '../../../domain/types';
import { describeRunDuration, describeRunOutcome, formatCommandLine } from '../../../domain/run-summary';
import { CopyButton } from '../../../ui/copy-button';
import { DetailField } from '../../../ui/detail-field';
import { formatDateTime } from '../../../lib/format-time';
import { useNow } from '../../../ui/use-now';

type RunExecutionProps = { run: Run };

const outcomeClass: Record<Run['state'], string> = {
  running: 'text-indigo-700 dark:text-indigo-300',
  finished: 'text-emerald-700 dark:text-emerald-300',
  failed: 'text-red-700 dark:text-red-300',
  crashed: 'text-amber-700 dark:text-amber-300',
  cancelled: 'text-slate-600 dark:text-slate-300',
};

/** State, times and what the CLI recorded about where and how the run ran. */
export function RunExecution({ run }: RunExecutionProps) {
  // Minute precision is all "running for N min" shows.
  const now = useNow(15_000, run.state === 'running');
  const duration = describeRunDuration(run, now);
  const info = run.info ?? {};
  const command = info.command && info.command.length > 0 ? formatCommandLine(info.command) : null;

  return (
    <dl>
      <DetailField compact label="Run id">
        <span className="font-mono text-xs">{run.id}</span>
      </DetailField>
      <DetailField compact label="State">
        <span className={`font-medium ${outcomeClass[run.state]}`}>{describeRunOutcome(run)}</span>
      </DetailField>
      <DetailField compact label="Started">{formatDateTime(run.startedAt)}</DetailField>
      <DetailField compact label="Finished">{run.finishedAt === null ? '—' : formatDateTime(run.finishedAt)}</DetailField>
      {duration !== null && <DetailField compact label="Duration">{duration}</DetailField>}
      {command !== null && (
        <DetailField compact label="Command">
          <span className="flex items-start gap-1">
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs whitespace-pre-wrap break-all dark:bg-slate-800">{command}</code>
            <CopyButton value={command} label="command line" />
          </span>
        </DetailField>
      )}
      {info.host !== undefined && <DetailField compact label="Host"><span className="font-mono text-xs">{info.host}</span></DetailField>}
      {info.cwd !== undefined && <DetailField compact label="Working dir"><span className="font-mono text-xs break-all">{info.cwd}</span></DetailField>}
      {info.gitCommit !== undefined && (
        <DetailField compact label="Git commit">
          <span className="flex items-center gap-1">
            <span className="font-mono text-xs" title={info.gitCommit}>{info.gitCommit.slice(0, 12)}</span>
            <CopyButton value={info.gitCommit} label="git commit" />
          </span>
        </DetailField>
      )}
      {info.actor !== undefined && <DetailField compact label="Started by">{info.actor}</DetailField>}
    </dl>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formatBytes, formatCount } from '../../../domain/format';
import type { ManifestEntry } from '../../../domain/types';
import { blobQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { ErrorState } from '../../../ui/error-state';
import { Spinner } from '../../../ui/spinner';
import { hashMd5InWorkers } from '../hash-md5';
import { verifyEntries } from '../verify';
import type { VerifyProblem, VerifyProblemKind, VerifyProgress, VerifyReport } from '../verify';
import { repairFromFiles } from '../repair';
import type { RepairReport } from '../repair';

type VerifyDialogProps = { entries: readonly ManifestEntry[]; onClose: () => void };

type State =
  | { status: 'running'; progress: VerifyProgress | null }
  | { status: 'done'; report: VerifyReport }
  | { status: 'failed'; error: Error };

/** Re-hashes every stored file of the version (in workers) and lists what does not match. */
export function VerifyDialog({ entries, onClose }: VerifyDialogProps) {
  const store = useStore();
  const [state, setState] = useState<State>({ status: 'running', progress: null });
  const [attempt, setAttempt] = useState(0);
  const abort = useRef<AbortController | null>(null);
  // The damaged files of the first check: the repair report stays while Verify runs again after it.
  const [lastProblems, setLastProblems] = useState<readonly VerifyProblem[]>([]);

  // Runs once per opening and per "Try again"; closing the dialog cancels it.
  useEffect(() => {
    const controller = new AbortController();
    abort.current = controller;
    let last = 0;
    verifyEntries(store, entries, {
      hashMd5: hashMd5InWorkers,
      signal: controller.signal,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - last < 100 && progress.filesDone < progress.filesTotal) return;
        last = now;
        setState({ status: 'running', progress });
      },
    }).then(
      (report) => {
        if (controller.signal.aborted) return;
        setState({ status: 'done', report });
        if (report.problems.length > 0) setLastProblems(report.problems);
      },
      (error: unknown) => !controller.signal.aborted && setState({ status: 'failed', error: error as Error }),
    );
    return () => controller.abort();
  }, [store, entries, attempt]);

  return (
    <Dialog
      open
      onClose={onClose}
      title="Verify stored files"
      className="w-[40rem]"
      footer={<Button onClick={onClose}>{state.status === 'running' ? 'Cancel' : 'Close'}</Button>}
    >
      {state.status === 'running' && (
        <p className="flex items-center gap-2 text-sm" role="status">
          <Spinner />
          Hashing {state.progress ? `${formatCount(state.progress.filesDone)} of ${formatCount(state.progress.filesTotal)} files (${formatBytes(state.progress.bytesDone)} of ${formatBytes(state.progress.bytesTotal)})` : '…'}
        </p>
      )}
      {state.status === 'failed' && (
        <ErrorState
          error={state.error}
          title="Verification could not finish"
          hint="The check itself stopped (each damaged file is reported on its own, so this is not one of them). Try again."
          onRetry={() => {
            setState({ status: 'running', progress: null });
            setAttempt((n) => n + 1);
          }}
        />
      )}
      {state.status === 'done' && <VerifyResult report={state.report} />}
      {lastProblems.length > 0 && (
        <RepairFromFolder
          problems={lastProblems}
          onRepaired={() => {
            setState({ status: 'running', progress: null });
            setAttempt((n) => n + 1);
          }}
        />
      )}
    </Dialog>
  );
}

const KIND_LABELS: Record<VerifyProblemKind, string> = { mismatch: 'wrong bytes', missing: 'missing', truncated: 'truncated', unreadable: 'unreadable' };

function VerifyResult({ report }: { report: VerifyReport }) {
  const { problems } = report;
  const refs = report.references > 0 ? ` ${formatCount(report.references)} references were skipped (their bytes live elsewhere).` : '';
  if (problems.length === 0) {
    return (
      <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
        All {formatCount(report.checkedFiles)} stored files match the manifest.{refs}
      </p>
    );
  }
  const missing = problems.filter((p) => p.kind === 'missing').length;
  const counts = (Object.keys(KIND_LABELS) as VerifyProblemKind[])
    .map((kind) => [KIND_LABELS[kind], problems.filter((p) => p.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${formatCount(n)} ${label}`);
  return (
    <div role="alert" className="flex flex-col gap-2 text-sm">
      <p className="font-semibold text-red-700 dark:text-red-400">
        {formatCount(problems.length)} damaged of {formatCount(report.checkedFiles + missing)} stored files: {counts.join(', ')}.{refs}
      </p>
      <ul aria-label="Verification problems" className="max-h-72 overflow-auto rounded border border-red-200 font-mono text-xs dark:border-red-900">
        {problems.map((p) => (
          <li key={p.path} className="border-b border-red-100 px-2 py-1 last:border-0 dark:border-red-950">
            <span className="font-semibold">{KIND_LABELS[p.kind]}</span> {p.path}: expected {p.expected}
            {p.actual !== null && `, stored bytes hash to ${p.actual}`}
            {p.detail !== undefined && ` (${p.detail})`}
          </li>
        ))}
      </ul>
    </div>
  );
}

type RepairState = { status: 'idle' } | { status: 'running' } | { status: 'done'; report: RepairReport } | { status: 'failed'; error: Error };

/** Picks a local folder and replaces every damaged copy that one of its files matches. */
function RepairFromFolder({ problems, onRepaired }: { problems: readonly VerifyProblem[]; onRepaired: () => void }) {
  const store = useStore();
  const queryClient = useQueryClient();
  const [state, setState] = useState<RepairState>({ status: 'idle' });
  const run = async (files: readonly File[]) => {
    setState({ status: 'running' });
    try {
      const report = await repairFromFiles(store, problems, files, { hashMd5: hashMd5InWorkers });
      // Cached previews of the repaired files held the damaged bytes' refusal.
      await queryClient.invalidateQueries({ queryKey: blobQueries.all(store) });
      setState({ status: 'done', report });
      if (report.repaired.length > 0) onRepaired();
    } catch (error) {
      setState({ status: 'failed', error: error as Error });
    }
  };
  return (
    <div className="flex flex-col gap-2 text-sm">
      <label className="flex flex-col gap-1">
        <span className="font-semibold">Repair from a local folder</span>
        <span className="text-xs text-slate-500 dark:text-slate-400">Files whose content matches a damaged entry replace its stored copy; nothing else is changed.</span>
        <input
          type="file"
          webkitdirectory=""
          multiple
          aria-label="Choose a folder to repair from"
          disabled={state.status === 'running'}
          onChange={(event) => void run(Array.from(event.target.files ?? []))}
          className="text-sm"
        />
      </label>
      {state.status === 'running' && (
        <p role="status" className="flex items-center gap-2">
          <Spinner /> Looking for matching files…
        </p>
      )}
      {state.status === 'failed' && <ErrorState error={state.error} title="The repair stopped" hint="Stored copies repaired before it stopped stay repaired. Try again." />}
      {state.status === 'done' && <RepairSummary report={state.report} />}
    </div>
  );
}

function RepairSummary({ report }: { report: RepairReport }) {
  return (
    <div role="status" aria-label="Repair report" className="flex flex-col gap-1">
      <p className={report.repaired.length > 0 ? 'text-emerald-700 dark:text-emerald-400' : ''}>
        Repaired {formatCount(report.repaired.length)} {report.repaired.length === 1 ? 'file' : 'files'} from the folder
        {report.repaired.length > 0 ? `: ${report.repaired.join(', ')}` : ''} ({formatCount(report.filesHashed)} local files of a matching size hashed).
      </p>
      {report.left.length > 0 && (
        <ul aria-label="Not repaired" className="font-mono text-xs text-red-700 dark:text-red-400">
          {report.left.map((l) => (
            <li key={l.path}>
              {l.path}: {l.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

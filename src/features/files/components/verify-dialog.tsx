import { useEffect, useRef, useState } from 'react';
import { formatBytes, formatCount } from '../../../domain/format';
import type { ManifestEntry } from '../../../domain/types';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { ErrorState } from '../../../ui/error-state';
import { Spinner } from '../../../ui/spinner';
import { hashMd5InWorkers } from '../hash-md5';
import { verifyEntries } from '../verify';
import type { VerifyProgress, VerifyReport } from '../verify';

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
      (report) => !controller.signal.aborted && setState({ status: 'done', report }),
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
          hint="No file was reported damaged: the check itself stopped. Try again."
          onRetry={() => {
            setState({ status: 'running', progress: null });
            setAttempt((n) => n + 1);
          }}
        />
      )}
      {state.status === 'done' && <VerifyResult report={state.report} />}
    </Dialog>
  );
}

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
  const mismatched = problems.filter((p) => p.kind === 'mismatch').length;
  const missing = problems.length - mismatched;
  return (
    <div role="alert" className="flex flex-col gap-2 text-sm">
      <p className="font-semibold text-red-700 dark:text-red-400">
        {mismatched} mismatched, {missing} missing of {formatCount(report.checkedFiles + missing)} stored files.{refs}
      </p>
      <ul aria-label="Verification problems" className="max-h-72 overflow-auto rounded border border-red-200 font-mono text-xs dark:border-red-900">
        {problems.map((p) => (
          <li key={p.path} className="border-b border-red-100 px-2 py-1 last:border-0 dark:border-red-950">
            <span className="font-semibold">{p.kind}</span> {p.path}: expected {p.expected}
            {p.actual !== null && `, stored bytes hash to ${p.actual}`}
          </li>
        ))}
      </ul>
    </div>
  );
}

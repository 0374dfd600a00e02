import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { toAppError } from '../../../domain/errors';
import type { AppError } from '../../../domain/errors';
import { formatBytes, formatCount } from '../../../domain/format';
import { artifactIdOf } from '../../../domain/types';
import type { VersionId } from '../../../domain/types';
import { filesFromDataTransfer, filesFromInput } from '../../../lib/folder-walk';
import type { PickedFile } from '../../../lib/folder-walk';
import { manifestQueries, versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { cn } from '../../../ui/cn';
import { Dialog } from '../../../ui/dialog';
import { createHashPool } from '../../../workers/hash-client';
import { checkFolder, stripTopFolder } from '../folder-check';
import type { FolderCheckResult, FolderCheckStatus } from '../folder-check';

type FolderCheckActionProps = { project: string; artifact: string; versionRef: string };
type Phase =
  | { step: 'idle' }
  | { step: 'hashing'; done: number; total: number }
  | { step: 'done'; result: FolderCheckResult }
  | { step: 'failed'; error: AppError };

const MAX_LISTED = 500;
const tone: Record<FolderCheckStatus, string> = {
  match: 'text-emerald-700 dark:text-emerald-400',
  differ: 'text-amber-700 dark:text-amber-400',
  missing: 'text-red-700 dark:text-red-400',
  extra: 'text-indigo-700 dark:text-indigo-400',
};

/**
 * "Check folder…" on a version page: hashes a local folder in the hash workers and says which
 * files match the version, differ, are missing or are extra. Nothing is stored.
 */
export function FolderCheckAction({ project, artifact, versionRef }: FolderCheckActionProps) {
  const store = useStore();
  const version = useQuery(versionQueries.resolve(store, artifactIdOf(project, artifact), versionRef));
  const versionId = version.data?.id ?? ('' as VersionId);
  const manifest = useQuery({ ...manifestQueries.entries(store, versionId), enabled: version.data !== undefined });
  const [open, setOpen] = useState(false);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const check = async (picked: PickedFile[]) => {
    const entries = manifest.data;
    if (!entries) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const pool = createHashPool();
    setPhase({ step: 'hashing', done: 0, total: picked.length });
    try {
      const paths = stripTopFolder(picked.map((p) => p.dropPath), new Set(entries.map((e) => e.path)));
      const digests = await pool.hashAll(
        picked.map((p, i) => ({ blob: p.file, name: paths[i] ?? p.dropPath })),
        { signal: controller.signal, onProgress: (p) => setPhase({ step: 'hashing', done: p.filesDone, total: p.filesTotal }) },
      );
      const local = picked.map((p, i) => ({ path: paths[i] ?? p.dropPath, digest: digests[i] ?? '', size: p.size }));
      setPhase({ step: 'done', result: checkFolder(entries, local) });
    } catch (error) {
      if (!controller.signal.aborted) setPhase({ step: 'failed', error: toAppError(error) });
    } finally {
      pool.dispose();
    }
  };
  const close = () => {
    abort.current?.abort();
    setOpen(false);
    setPhase({ step: 'idle' });
  };

  if (!version.data) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>Check folder…</Button>
      <Dialog
        open={open}
        onClose={close}
        className="w-[44rem]"
        title={`Check a folder against ${artifact}:v${version.data.index}`}
        description="Files are hashed in this browser and compared with the version's manifest. Nothing is uploaded or stored."
        footer={<Button onClick={close}>Close</Button>}
      >
        <div
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            event.stopPropagation(); // checked here, not also taken as the artifact's next version by the page's drop target
            setDragging(false);
            // Read synchronously in the handler: the browser empties the drop once it returns.
            void filesFromDataTransfer(event.dataTransfer).then(check);
          }}
          className={cn('rounded-lg border-2 border-dashed p-4 text-center text-sm', dragging ? 'border-indigo-500 bg-indigo-50 dark:bg-indigo-950/40' : 'border-slate-300 dark:border-slate-700')}
        >
          <p className="mb-2 text-slate-600 dark:text-slate-400">Drop a folder here, or</p>
          <label className="cursor-pointer font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            choose a folder
            <input
              type="file"
              webkitdirectory=""
              multiple
              className="sr-only"
              aria-label="Choose a folder to check"
              disabled={!manifest.data}
              onChange={(event) => {
                const files = [...(event.target.files ?? [])];
                event.target.value = '';
                void filesFromInput(files).then(check);
              }}
            />
          </label>
        </div>
        {phase.step === 'hashing' && (
          <p role="status" className="text-sm tabular-nums">
            Hashing {formatCount(phase.done)} of {formatCount(phase.total)} files…
          </p>
        )}
        {phase.step === 'failed' && <p className="text-sm text-red-700">{phase.error.message}</p>}
        {phase.step === 'done' && <FolderCheckResults result={phase.result} />}
      </Dialog>
    </>
  );
}

function FolderCheckResults({ result }: { result: FolderCheckResult }) {
  const { counts } = result;
  const ok = counts.differ === 0 && counts.missing === 0 && counts.extra === 0;
  return (
    <section aria-label="Folder check" className="space-y-2">
      <p className={cn('text-sm font-medium', ok ? 'text-emerald-700' : 'text-amber-700')}>
        {ok ? 'The folder matches the version exactly.' : 'The folder differs from the version.'}
      </p>
      <dl className="flex gap-4 text-sm">
        {(['match', 'differ', 'missing', 'extra'] as const).map((status) => (
          <div key={status}>
            <dt className="text-xs text-slate-500 capitalize dark:text-slate-400">{status}</dt>
            <dd aria-label={status} className={cn('font-semibold tabular-nums', tone[status])}>
              {formatCount(counts[status])}
            </dd>
          </div>
        ))}
      </dl>
      {result.skippedReferences > 0 && <p className="text-xs text-slate-500 dark:text-slate-400">{result.skippedReferences} reference entries were not compared.</p>}
      <ul className="max-h-64 overflow-auto rounded-md border border-slate-200 text-xs dark:border-slate-800">
        {result.rows.slice(0, MAX_LISTED).map((row) => (
          <li key={`${row.status}:${row.path}`} className="flex gap-2 px-2 py-1">
            <span className={cn('w-14 shrink-0 font-medium', tone[row.status])}>{row.status}</span>
            <span className="min-w-0 flex-1 truncate font-mono">{row.path}</span>
            <span className="text-slate-500 tabular-nums dark:text-slate-400">{formatBytes(row.local?.size ?? row.expected?.size ?? 0)}</span>
          </li>
        ))}
      </ul>
      {result.rows.length > MAX_LISTED && <p className="text-xs text-slate-500 dark:text-slate-400">First {MAX_LISTED} of {formatCount(result.rows.length)} listed.</p>}
    </section>
  );
}

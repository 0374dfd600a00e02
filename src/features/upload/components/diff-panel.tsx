import { useDeferredValue, useMemo, useState } from 'react';
import { formatBytes, formatCount } from '../../../domain/format';
import { cn } from '../../../ui/cn';
import { Spinner } from '../../../ui/spinner';
import type { UploadSession } from '../hooks/use-upload-session';
import { DiffList, diffRows } from './diff-list';
import type { ChangeKind } from './diff-list';
import { inputClass } from './field';

type DiffPanelProps = { session: UploadSession };

const kinds: { kind: ChangeKind; label: string; tone: string }[] = [
  { kind: 'added', label: 'added', tone: 'text-emerald-700 dark:text-emerald-400' },
  { kind: 'modified', label: 'modified', tone: 'text-amber-700 dark:text-amber-400' },
  { kind: 'removed', label: 'removed', tone: 'text-red-700 dark:text-red-400' },
  { kind: 'renamed', label: 'renamed', tone: 'text-sky-700 dark:text-sky-400' },
];

/** What the draft changes against its base, what a commit writes, and whether it is a duplicate. */
export function DiffPanel({ session }: DiffPanelProps) {
  const { preview, identical, baseVersion, existing } = session;
  const [kind, setKind] = useState<ChangeKind | 'all'>('all');
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const data = preview?.data;
  const rows = useMemo(() => (data ? diffRows(data.diff, kind, deferredFilter) : []), [data, kind, deferredFilter]);

  if (!preview) return null;
  if (preview.isPending) return <p className="flex items-center gap-2 text-sm text-slate-600"><Spinner className="size-4" /> Comparing…</p>;
  if (!data) return null;
  const { diff } = data;
  const counts: Record<ChangeKind, number> = { added: diff.added.length, modified: diff.modified.length, removed: diff.removed.length, renamed: diff.renamed.length };
  const against = baseVersion.index !== null && existing ? `v${baseVersion.index}` : 'nothing (new artifact)';

  return (
    <section aria-label="Changes" className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
      {identical ? (
        <p role="status" className="rounded bg-amber-50 px-2 py-1.5 text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
          Identical to v{identical.index} — no new version. Add aliases only (enter them on the left).
        </p>
      ) : null}
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <span className="text-xs text-slate-500 dark:text-slate-400">Compared with {against}:</span>
        {kinds.map(({ kind: k, label, tone }) => (
          <button
            key={k}
            type="button"
            aria-pressed={kind === k}
            onClick={() => setKind(kind === k ? 'all' : k)}
            className={cn('tabular-nums hover:underline', tone, kind === k && 'font-semibold underline')}
          >
            {formatCount(counts[k])} {label}
          </button>
        ))}
        <span className="text-slate-500 tabular-nums dark:text-slate-400">{formatCount(diff.unchanged)} unchanged</span>
      </div>
      <p className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
        <strong className="font-semibold text-slate-900 dark:text-slate-100">{formatBytes(data.newBytes)} new to the store</strong> (
        {formatCount(data.newBlobs)} {data.newBlobs === 1 ? 'file content' : 'file contents'})
        {data.newBytes < data.totalBytes ? `; the rest of the ${formatBytes(data.totalBytes)} is already stored or referenced.` : '.'} Digest{' '}
        <span className="font-mono">{data.digest}</span>
      </p>
      {counts.added + counts.modified + counts.removed + counts.renamed > 0 && (
        <>
          <input aria-label="Filter changes" placeholder="Filter changes…" className={`${inputClass} py-1`} value={filter} onChange={(e) => setFilter(e.target.value)} />
          <DiffList rows={rows} />
        </>
      )}
    </section>
  );
}

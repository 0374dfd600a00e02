import { useRef } from 'react';
import type { ManifestDiff } from '../../../domain/diff';
import { formatBytes } from '../../../domain/format';
import { cn } from '../../../ui/cn';
import { useVirtualRows } from '../../../lib/use-virtual-rows';
import { revealHidden } from '../../../ui/hidden-chars';
import { VisibleName } from '../../../ui/visible-name';

export type ChangeKind = 'added' | 'modified' | 'removed' | 'renamed';

export interface DiffRow {
  readonly kind: ChangeKind;
  readonly path: string;
  readonly detail: string;
}

const ROW_HEIGHT = 24;
const marks: Record<ChangeKind, { mark: string; tone: string }> = {
  added: { mark: '+', tone: 'text-emerald-700 dark:text-emerald-400' },
  modified: { mark: '~', tone: 'text-amber-700 dark:text-amber-400' },
  removed: { mark: '−', tone: 'text-red-700 dark:text-red-400' },
  renamed: { mark: '→', tone: 'text-sky-700 dark:text-sky-400' },
};

/** The diff as one list of rows of the chosen kind whose path contains `filter`. */
export function diffRows(diff: ManifestDiff, kind: ChangeKind | 'all', filter: string): DiffRow[] {
  const rows: DiffRow[] = [];
  const want = (k: ChangeKind, path: string) => (kind === 'all' || kind === k) && (filter === '' || path.includes(filter));
  for (const e of diff.added) if (want('added', e.path)) rows.push({ kind: 'added', path: e.path, detail: formatBytes(e.size ?? 0) });
  for (const m of diff.modified) {
    if (want('modified', m.path)) rows.push({ kind: 'modified', path: m.path, detail: `${formatBytes(m.before.size ?? 0)} → ${formatBytes(m.after.size ?? 0)}` });
  }
  for (const e of diff.removed) if (want('removed', e.path)) rows.push({ kind: 'removed', path: e.path, detail: formatBytes(e.size ?? 0) });
  for (const r of diff.renamed) if (want('renamed', r.to.path)) rows.push({ kind: 'renamed', path: r.to.path, detail: `from ${r.from.path}` });
  return rows;
}

/** A virtualised list of changes (a diff can hold 100k rows). */
export function DiffList({ rows }: { rows: readonly DiffRow[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualRows(scroller, rows.length, ROW_HEIGHT);
  if (rows.length === 0) return <p className="text-xs text-slate-500 dark:text-slate-400">No change matches.</p>;
  return (
    <div ref={scroller} className="max-h-56 overflow-auto rounded border border-slate-100 dark:border-slate-900">
      <ul aria-label="Changed files" className="relative" style={{ height: virtual.totalSize }}>
        {virtual.rows.map((v) => {
          const row = rows[v.index];
          if (!row) return null;
          const { mark, tone } = marks[row.kind];
          return (
            <li
              key={`${row.kind}:${row.path}`}
              className="absolute inset-x-0 flex items-center gap-2 px-2 text-xs"
              style={{ height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
            >
              <span aria-label={row.kind} className={cn('w-3 font-mono font-bold', tone)}>
                {mark}
              </span>
              <span className="min-w-0 flex-1 truncate font-mono" title={revealHidden(row.path)}>
                <VisibleName name={row.path} />
              </span>
              <span className="shrink-0 text-slate-500 tabular-nums dark:text-slate-400">{row.detail}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

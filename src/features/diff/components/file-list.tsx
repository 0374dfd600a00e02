import { useDeferredValue, useMemo, useRef, useState } from 'react';
import type { ManifestDiff } from '../../../domain/diff';
import { formatBytes, formatCount } from '../../../domain/format';
import type { ManifestEntry } from '../../../domain/types';
import { useVirtualRows } from '../../../lib/use-virtual-rows';
import { cn } from '../../../ui/cn';
import { buildFileRows, filterFileRows } from '../file-rows';
import type { FileRow } from '../file-rows';
import { SizeDelta, StatusBadge } from './status-badge';
import { revealHidden } from '../../../ui/hidden-chars';
import { VisibleName } from '../../../ui/visible-name';

type FileListProps = {
  diff: ManifestDiff;
  next: readonly ManifestEntry[];
  selected: string | null;
  onSelect: (row: FileRow) => void;
};

const ROW = 30;

/** Every file with its status and size delta; only changes by default; filter by path; virtualised. */
export function FileList({ diff, next, selected, onSelect }: FileListProps) {
  const [onlyChanges, setOnlyChanges] = useState(true);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const scroller = useRef<HTMLDivElement>(null);
  const changed = useMemo(() => buildFileRows(diff), [diff]);
  const all = useMemo(() => (onlyChanges ? null : buildFileRows(diff, next)), [diff, next, onlyChanges]);
  const rows = useMemo(() => filterFileRows(all ?? changed, deferredFilter), [all, changed, deferredFilter]);
  const virtual = useVirtualRows(scroller, rows.length, ROW, 15);

  return (
    <section aria-label="Files" className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <input
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder="Filter by path"
          aria-label="Filter files by path"
          className="h-8 w-64 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <label className="flex items-center gap-1.5 text-xs">
          <input type="checkbox" checked={onlyChanges} onChange={(event) => setOnlyChanges(event.target.checked)} />
          Show only changes
        </label>
        <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">{formatCount(rows.length)} files</span>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          {changed.length === 0 && onlyChanges ? 'No file changed: both versions hold the same files.' : 'No file matches the filter.'}
        </p>
      ) : (
        <div ref={scroller} className="max-h-96 overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
          <ul aria-label="Compared files" style={{ height: virtual.totalSize, position: 'relative' }}>
            {virtual.rows.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const active = row.path === selected;
              return (
                <li key={item.key} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${item.start}px)` }}>
                  <button
                    type="button"
                    onClick={() => onSelect(row)}
                    aria-current={active || undefined}
                    className={cn(
                      'flex h-full w-full items-center gap-2 px-2 text-left text-sm hover:bg-slate-50 dark:hover:bg-slate-900/60',
                      active && 'bg-indigo-50 dark:bg-indigo-950/40',
                    )}
                  >
                    <StatusBadge status={row.status} />
                    <span className="min-w-0 flex-1 truncate font-mono text-xs" title={revealHidden(row.path)}>
                      {row.fromPath ? (
                        <>
                          <VisibleName name={row.fromPath} /> → <VisibleName name={row.path} />
                        </>
                      ) : (
                        <VisibleName name={row.path} />
                      )}
                    </span>
                    <span className="w-20 shrink-0 text-right text-xs text-slate-500 tabular-nums dark:text-slate-400">{formatBytes((row.after ?? row.before)?.size ?? 0)}</span>
                    <span className="w-20 shrink-0 text-right text-xs">
                      <SizeDelta bytes={row.sizeDelta} format={formatBytes} />
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}

import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { changedPaths, draftItemMark, removePath } from '../../../domain/draft';
import type { DraftItemMark } from '../../../domain/draft';
import { formatBytes, formatCount } from '../../../domain/format';
import { Chip } from '../../../ui/chip';
import type { UploadSession } from '../hooks/use-upload-session';
import { useVirtualRows } from '../../../lib/use-virtual-rows';
import { DropPathControls } from './drop-path-controls';
import { inputClass } from './field';
import { revealHidden } from '../../../ui/hidden-chars';
import { VisibleName } from '../../../ui/visible-name';

type DraftFileListProps = { session: UploadSession };

const ROW_HEIGHT = 28;

/** The files the new version will hold (virtualised), each removable; a filter; folder removal. */
export function DraftFileList({ session }: DraftFileListProps) {
  const { draft, change, baseVersion, preview } = session;
  const diff = preview?.data?.diff;
  const changes = useMemo(() => (diff ? changedPaths(diff) : null), [diff]);
  const hasBase = draft.draft.base !== null;
  const [filter, setFilter] = useState('');
  const [folder, setFolder] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const items = useMemo(
    () => (deferredFilter === '' ? draft.items : draft.items.filter((item) => item.path.includes(deferredFilter))),
    [draft.items, deferredFilter],
  );
  const folders = useMemo(() => {
    const set = new Set<string>();
    for (const item of draft.items) {
      const slash = item.path.lastIndexOf('/');
      if (slash > 0) set.add(item.path.slice(0, slash));
    }
    return [...set].slice(0, 500);
  }, [draft.items]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualRows(scroller, items.length, ROW_HEIGHT);

  const remove = (path: string) => change((d) => removePath(d, path));

  return (
    <section aria-label="Draft files" className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="whitespace-nowrap text-sm font-semibold text-slate-900 dark:text-slate-100">Files ({formatCount(draft.items.length)})</h3>
        <div className="w-48 shrink-0">
          <input aria-label="Filter files" placeholder="Filter…" className={`${inputClass} py-1`} value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
      </div>
      <DropPathControls session={session} />
      <div ref={scroller} className="max-h-72 min-h-16 overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
        {items.length === 0 ? (
          <p className="p-3 text-xs text-slate-500 dark:text-slate-400">{draft.items.length === 0 ? 'No files yet: drop some, or choose a folder.' : 'No file matches the filter.'}</p>
        ) : (
          <ul role="list" className="relative" style={{ height: virtual.totalSize }}>
            {virtual.rows.map((row) => {
              const item = items[row.index];
              if (!item) return null;
              return (
                <li
                  key={item.path}
                  className="absolute inset-x-0 flex items-center gap-2 border-b border-slate-100 px-2 text-xs dark:border-slate-900"
                  style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                >
                  <ItemMark mark={draftItemMark(item, hasBase, changes)} baseIndex={baseVersion.index} link={item.origin === 'reference' ? item.entry.ref : undefined} />
                  <span className="min-w-0 flex-1 truncate font-mono" title={revealHidden(item.path)}>
                    <VisibleName name={item.path} />
                  </span>
                  <span className="text-slate-500 tabular-nums dark:text-slate-400">{formatBytes(item.size)}</span>
                  <button
                    type="button"
                    aria-label={`Remove ${revealHidden(item.path)}`}
                    className="rounded px-1 text-slate-500 hover:bg-slate-100 hover:text-red-600 dark:hover:bg-slate-800 dark:text-slate-400"
                    onClick={() => remove(item.path)}
                  >
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <form
        className="flex items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (folder.trim() !== '' && remove(folder)) setFolder('');
        }}
      >
        <input aria-label="Folder to remove" list="draft-folders" placeholder="folder/to/remove" className={`${inputClass} py-1 font-mono text-xs`} value={folder} onChange={(e) => setFolder(e.target.value)} />
        <datalist id="draft-folders">
          {folders.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        <button type="submit" className="shrink-0 text-xs font-medium text-red-700 hover:underline disabled:opacity-50 dark:text-red-400" disabled={folder.trim() === ''}>
          Remove folder
        </button>
      </form>
    </section>
  );
}

/** How a file stands against the base version: kept from it, unchanged, new, modified, renamed, or a link. */
function ItemMark({ mark, baseIndex, link }: { mark: DraftItemMark; baseIndex: number | null; link: string | undefined }) {
  switch (mark) {
    case 'kept':
      return <Chip title={`Kept from v${baseIndex}`}>v{baseIndex}</Chip>;
    case 'unchanged':
      return <Chip title={`Same bytes as in v${baseIndex}`}>unchanged</Chip>;
    case 'added':
      return <Chip tone="success">new</Chip>;
    case 'modified':
      return <Chip tone="warning">modified</Chip>;
    case 'renamed':
      return <Chip tone="accent">renamed</Chip>;
    case 'reference':
      return (
        <Chip tone="warning" title={link}>
          link
        </Chip>
      );
    case 'pending':
      return null;
  }
}

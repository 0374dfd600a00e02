import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { formatBytes, formatCount } from '../../../domain/format';
import type { ManifestEntry } from '../../../domain/types';
import { cn } from '../../../ui/cn';
import { Link } from '../../../ui/navigation';
import type { TreeRow } from '../file-tree';

type FileListProps = {
  rows: readonly TreeRow[];
  entries: readonly ManifestEntry[];
  selectedPath: string | null;
  /** href that selects a file (sets ?path=). */
  fileHref: (path: string) => string;
  isExpanded: (folder: string) => boolean;
  onToggle: (folder: string) => void;
  /** Show full paths (flat list) instead of names indented by depth. */
  flat?: boolean;
};

const ROW_HEIGHT = 30;

/** The rows of the Files tab, virtualised: only the ~40 visible rows are in the DOM. */
export function FileList({ rows, entries, selectedPath, fileHref, isExpanded, onToggle, flat = false }: FileListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns fresh functions each render, so the React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 600, height: 600 },
  });

  // Bring a deep-linked file into view once its row exists.
  const selectedRow = selectedPath === null ? -1 : rows.findIndex((r) => r.kind === 'file' && entries[r.index]?.path === selectedPath);
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (selectedRow < 0 || scrolledTo.current === selectedPath) return;
    scrolledTo.current = selectedPath;
    virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, selectedPath, virtualizer]);

  return (
    <div
      ref={scroller}
      role="tree"
      aria-label="Files"
      className="h-[calc(100vh-15rem)] min-h-64 overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900/40"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={item.key}
              className="absolute inset-x-0 top-0"
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              {row.kind === 'folder' ? (
                <FolderRow row={row} expanded={isExpanded(row.node.path)} onToggle={onToggle} />
              ) : (
                <FileRow
                  entry={entries[row.index]}
                  depth={row.depth}
                  flat={flat}
                  selected={entries[row.index]?.path === selectedPath}
                  fileHref={fileHref}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

const rowClass =
  'flex h-full w-full items-center gap-2 pr-3 text-left text-[13px] hover:bg-slate-50 dark:hover:bg-slate-800/60';

function FolderRow({ row, expanded, onToggle }: { row: Extract<TreeRow, { kind: 'folder' }>; expanded: boolean; onToggle: (p: string) => void }) {
  const { node, depth } = row;
  return (
    <button
      type="button"
      role="treeitem"
      aria-expanded={expanded}
      aria-label={`Folder ${node.path}`}
      onClick={() => onToggle(node.path)}
      className={cn(rowClass, 'font-medium text-slate-700 dark:text-slate-200')}
      style={{ paddingLeft: 8 + depth * 16 }}
    >
      <svg viewBox="0 0 12 12" className={cn('size-3 shrink-0 text-slate-500 transition-transform', expanded && 'rotate-90')} aria-hidden>
        <path d="M4.5 2.5 8 6l-3.5 3.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <span className="min-w-0 flex-1 truncate">{node.name}/</span>
      {node.referenceCount > 0 && <RefBadge title={`${node.referenceCount} reference(s)`} />}
      <span className="shrink-0 text-[11px] text-slate-500 tabular-nums dark:text-slate-400">{formatCount(node.fileCount)} files</span>
      <span className="w-20 shrink-0 text-right text-[11px] text-slate-500 tabular-nums dark:text-slate-400">{formatBytes(node.size)}</span>
    </button>
  );
}

type FileRowProps = {
  entry: ManifestEntry | undefined;
  depth: number;
  flat: boolean;
  selected: boolean;
  fileHref: (path: string) => string;
};

function FileRow({ entry, depth, flat, selected, fileHref }: FileRowProps) {
  if (!entry) return null;
  const name = flat ? entry.path : entry.path.slice(entry.path.lastIndexOf('/') + 1);
  return (
    <Link
      to={fileHref(entry.path)}
      role="treeitem"
      aria-selected={selected}
      aria-label={entry.path}
      title={entry.path}
      className={cn(rowClass, selected && 'bg-indigo-50 text-indigo-800 dark:bg-indigo-950/50 dark:text-indigo-200')}
      style={{ paddingLeft: 8 + (flat ? 0 : depth * 16) + 18 }}
    >
      <span className="min-w-0 flex-1 truncate">{name}</span>
      {entry.ref !== undefined && <RefBadge title={entry.ref} />}
      {/* Digest and size are drawn from data attributes (CSS content) so the row's visible text stays its name, which its label (the path) contains. */}
      <span
        className="hidden w-28 shrink-0 truncate font-mono text-[11px] text-slate-500 before:content-[attr(data-meta)] md:inline dark:text-slate-400"
        title={entry.digest}
        data-meta={entry.digest}
        aria-hidden
      />
      <span
        className="w-20 shrink-0 text-right text-[11px] text-slate-500 tabular-nums before:content-[attr(data-meta)] dark:text-slate-400"
        data-meta={entry.size === undefined ? '—' : formatBytes(entry.size)}
        aria-hidden
      />
    </Link>
  );
}

function RefBadge({ title }: { title: string }) {
  return (
    <span title={title} className="shrink-0 rounded bg-amber-100 px-1 text-[10px] font-semibold text-amber-800 uppercase dark:bg-amber-900/40 dark:text-amber-300">
      ref
    </span>
  );
}

import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import { formatBytes, formatCount } from '../../../domain/format';
import type { ManifestEntry } from '../../../domain/types';
import { cn } from '../../../ui/cn';
import { Link, navigate } from '../../../ui/navigation';
import type { TreeRow } from '../file-tree';
import { treeKeyAction, typeAheadIndex } from '../tree-keys';
import type { TreeKeyAction } from '../tree-keys';
import { revealHidden } from '../../../ui/hidden-chars';
import { VisibleName } from '../../../ui/visible-name';

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
/** Keys typed within this many ms form one type-ahead query. */
const TYPE_AHEAD_MS = 600;

/**
 * The rows of the Files tab, virtualised: only the ~40 visible rows are in the DOM. One tab stop
 * (the tree); the active row is announced through aria-activedescendant and is always rendered,
 * so focus is never lost when a row scrolls out. Keys: see tree-keys.ts; letters jump by name.
 */
export function FileList({ rows, entries, selectedPath, fileHref, isExpanded, onToggle, flat = false }: FileListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const rowId = `${useId()}-row`;
  const [active, setActive] = useState<{ key: string; index: number } | null>(null);
  const typed = useRef({ text: '', at: 0 });

  const selectedRow = selectedPath === null ? -1 : rows.findIndex((r) => r.kind === 'file' && entries[r.index]?.path === selectedPath);
  // The active row follows its key when rows change (a folder opened above it); else its old position.
  const activeIndex = useMemo(() => {
    if (rows.length === 0) return -1;
    if (!active) return selectedRow >= 0 ? selectedRow : 0;
    const same = rows[active.index];
    const at = same && keyOf(same) === active.key ? active.index : rows.findIndex((r) => keyOf(r) === active.key);
    return at >= 0 ? at : Math.min(active.index, rows.length - 1);
  }, [rows, active, selectedRow]);

  // TanStack Virtual returns fresh functions each render, so the React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 600, height: 600 },
    // The active row stays rendered even when scrolled away: aria-activedescendant must point at an element.
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex < 0 || activeIndex >= rows.length || indexes.includes(activeIndex)) return indexes;
      return [...indexes, activeIndex].sort((a, b) => a - b);
    },
  });

  // Bring a deep-linked file into view once its row exists.
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (selectedRow < 0 || scrolledTo.current === selectedPath) return;
    scrolledTo.current = selectedPath;
    virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, selectedPath, virtualizer]);

  const activate = (index: number) => {
    const row = rows[index];
    if (row) setActive({ key: keyOf(row), index });
  };

  const apply = (action: TreeKeyAction) => {
    const row = rows[action.index];
    if (!row) return;
    activate(action.index);
    virtualizer.scrollToIndex(action.index, { align: 'auto' });
    if (action.type === 'toggle' && row.kind === 'folder') onToggle(row.node.path);
    const entry = row.kind === 'file' ? entries[row.index] : undefined;
    if (action.type === 'open' && entry) navigate(fileHref(entry.path));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const now = performance.now();
    // While a name is being typed, a space is part of it (APG type-ahead), not "open".
    const typing = now - typed.current.at < TYPE_AHEAD_MS;
    const pageSize = Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT);
    const action = event.key === ' ' && typing ? null : treeKeyAction(event.key, { rows, active: activeIndex, pageSize, isExpanded });
    if (action) {
      event.preventDefault();
      apply(action);
      return;
    }
    if (event.key.length !== 1) return;
    const text = typing ? typed.current.text + event.key : event.key;
    typed.current = { text, at: now };
    const found = typeAheadIndex(rows, activeIndex, text, (row) => nameOf(row, entries, flat));
    // Keys that find nothing stay unhandled, so page shortcuts ("/" focuses the sidebar filter) still work.
    if (found >= 0 || event.key === ' ') event.preventDefault();
    if (found >= 0) apply({ type: 'move', index: found });
  };

  // Clicking a row keeps focus on the tree (rows are not tab stops) and makes that row active.
  const onMouseDown = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target === event.currentTarget) return;
    event.preventDefault();
    scroller.current?.focus({ preventScroll: true });
  };

  return (
    <div
      ref={scroller}
      role="tree"
      aria-label="Files"
      tabIndex={0}
      aria-activedescendant={activeIndex >= 0 ? `${rowId}-${activeIndex}` : undefined}
      onKeyDown={onKeyDown}
      onMouseDown={onMouseDown}
      className="group h-[calc(100vh-15rem)] min-h-64 overflow-auto rounded-lg border border-slate-200 bg-white outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-slate-800 dark:bg-slate-900/40"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const common = {
            id: `${rowId}-${item.index}`,
            active: item.index === activeIndex,
            level: flat ? 1 : row.depth + 1,
            posInSet: row.posInSet,
            setSize: row.setSize,
            onActivate: () => activate(item.index),
          };
          return (
            <div key={item.key} className="absolute inset-x-0 top-0" style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
              {row.kind === 'folder' ? (
                <FolderRow {...common} row={row} expanded={isExpanded(row.node.path)} onToggle={onToggle} />
              ) : (
                <FileRow {...common} entry={entries[row.index]} depth={row.depth} flat={flat} selected={entries[row.index]?.path === selectedPath} fileHref={fileHref} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function keyOf(row: TreeRow): string {
  return row.kind === 'folder' ? `d:${row.node.path}` : `f:${row.index}`;
}

function nameOf(row: TreeRow, entries: readonly ManifestEntry[], flat: boolean): string {
  if (row.kind === 'folder') return row.node.name;
  const path = entries[row.index]?.path ?? '';
  return flat ? path : path.slice(path.lastIndexOf('/') + 1);
}

type RowCommon = { id: string; active: boolean; level: number; posInSet: number; setSize: number; onActivate: () => void };

const rowClass =
  'flex h-full w-full items-center gap-2 pr-3 text-left text-[13px] hover:bg-slate-50 dark:hover:bg-slate-800/60';
/** The active row's outline shows while the tree has focus. */
const activeClass = 'group-focus:outline-2 group-focus:-outline-offset-2 group-focus:outline-indigo-500';

function FolderRow({ id, active, level, posInSet, setSize, onActivate, row, expanded, onToggle }: RowCommon & { row: Extract<TreeRow, { kind: 'folder' }>; expanded: boolean; onToggle: (p: string) => void }) {
  const { node, depth } = row;
  return (
    <div
      id={id}
      role="treeitem"
      aria-expanded={expanded}
      aria-level={level}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      aria-label={`Folder ${revealHidden(node.path)}, ${formatCount(node.fileCount)} files, ${formatBytes(node.size)}${node.referenceCount > 0 ? `, ${formatCount(node.referenceCount)} references` : ''}`}
      onClick={() => {
        onActivate();
        onToggle(node.path);
      }}
      className={cn(rowClass, 'cursor-pointer font-medium text-slate-700 dark:text-slate-200', active && activeClass)}
      style={{ paddingLeft: 8 + depth * 16 }}
    >
      <svg viewBox="0 0 12 12" className={cn('size-3 shrink-0 text-slate-500 transition-transform', expanded && 'rotate-90')} aria-hidden>
        <path d="M4.5 2.5 8 6l-3.5 3.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <span className="min-w-0 flex-1 truncate">
        <VisibleName name={node.name} />/
      </span>
      {node.referenceCount > 0 && <RefBadge title={`${node.referenceCount} reference(s)`} />}
      {/* Drawn from data attributes like the file rows' digest and size: the visible text stays the name, which the label contains. */}
      <span className={cn(metaClass, 'shrink-0')} data-meta={`${formatCount(node.fileCount)} files`} aria-hidden />
      <span className={cn(metaClass, 'w-20 shrink-0 text-right')} data-meta={formatBytes(node.size)} aria-hidden />
    </div>
  );
}

type FileRowProps = RowCommon & {
  entry: ManifestEntry | undefined;
  depth: number;
  flat: boolean;
  selected: boolean;
  fileHref: (path: string) => string;
};

function FileRow({ id, active, level, posInSet, setSize, onActivate, entry, depth, flat, selected, fileHref }: FileRowProps) {
  if (!entry) return null;
  const name = flat ? entry.path : entry.path.slice(entry.path.lastIndexOf('/') + 1);
  const size = entry.size === undefined ? 'size unknown' : formatBytes(entry.size);
  return (
    <Link
      to={fileHref(entry.path)}
      id={id}
      role="treeitem"
      tabIndex={-1}
      aria-level={level}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      aria-selected={selected}
      aria-label={`${revealHidden(entry.path)}, ${size}${entry.ref === undefined ? '' : ', reference'}`}
      title={revealHidden(entry.path)}
      onClick={onActivate}
      className={cn(rowClass, selected && 'bg-indigo-50 text-indigo-800 dark:bg-indigo-950/50 dark:text-indigo-200', active && activeClass)}
      style={{ paddingLeft: 8 + (flat ? 0 : depth * 16) + 18 }}
    >
      <span className="min-w-0 flex-1 truncate">
        <VisibleName name={name} />
      </span>
      {entry.ref !== undefined && <RefBadge title={entry.ref} />}
      {/* Digest and size are drawn from data attributes (CSS content) so the row's visible text stays its name, which its label (path and size) contains. */}
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

const metaClass = 'text-[11px] text-slate-500 tabular-nums before:content-[attr(data-meta)] dark:text-slate-400';

/** "REF" badge; the row's label already says "reference(s)". */
function RefBadge({ title }: { title: string }) {
  return (
    <span
      title={title}
      data-meta="ref"
      aria-hidden
      className="shrink-0 rounded bg-amber-100 px-1 text-[10px] font-semibold text-amber-800 uppercase before:content-[attr(data-meta)] dark:bg-amber-900/40 dark:text-amber-300"
    />
  );
}

import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Artifact } from '../../../domain/types';
import { artifactQueries, versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { Link, navigate } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { filterSidebar } from '../sidebar-filter';
import { CommandPalette } from './command-palette';
import { SidebarArtifact } from './sidebar-artifact';

type ProjectSidebarProps = {
  project: string;
  /** Artifact name and version ref from the URL, to highlight and expand. */
  activeArtifact?: string;
  activeRef?: string;
};

/** Links that ↑/↓ move between. */
const NAV_ITEM = '[data-nav-item]';

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')
  );
}

/**
 * The project's artifacts grouped by type, each with its version count and size; a filter
 * (name, type, alias, tag; `/` focuses it), ↑/↓ between entries, and Ctrl/Cmd+K for the palette.
 */
export function ProjectSidebar({ project, activeArtifact, activeRef }: ProjectSidebarProps) {
  const store = useStore();
  const artifacts = useQuery(artifactQueries.list(store, project));
  const [filter, setFilter] = useState('');
  const [paletteOpen, setPaletteOpen] = useState(false);
  const filtering = filter.trim() !== '';
  // Aliases and tags live on versions: read them only once someone filters.
  const versions = useQuery({ ...versionQueries.ofProject(store, project), enabled: filtering });
  const nav = useRef<HTMLElement>(null);
  const input = useRef<HTMLInputElement>(null);

  // Global shortcuts: a subscription to the document's key events.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPaletteOpen(true);
      } else if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const match = artifacts.data ? filterSidebar(artifacts.data, versions.data, filter) : null;
  const groups = match ? groupByType(match.artifacts) : [];

  const items = () => Array.from(nav.current?.querySelectorAll<HTMLElement>(NAV_ITEM) ?? []);
  const onNavKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const list = items();
    if (list.length === 0) return;
    event.preventDefault();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const next = at < 0 ? (event.key === 'ArrowDown' ? 0 : list.length - 1) : at + (event.key === 'ArrowDown' ? 1 : -1);
    list[Math.max(0, Math.min(list.length - 1, next))]?.focus();
  };
  const onFilterKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      setFilter('');
    } else if (event.key === 'Enter') {
      const first = items()[0];
      const to = first?.getAttribute('href');
      if (to) {
        event.preventDefault();
        navigate(to);
      }
    }
  };

  return (
    <nav ref={nav} aria-label="Artifacts" className="flex min-h-0 flex-col text-sm" onKeyDown={onNavKeyDown}>
      <Link
        to={hrefs.project(project)}
        className="truncate px-3 pt-3 pb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
      >
        {project}
      </Link>
      <div className="flex items-center gap-1 px-3 pb-2">
        <input
          ref={input}
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={onFilterKeyDown}
          placeholder="Filter (press /)"
          aria-label="Filter artifacts by name, alias or tag"
          aria-keyshortcuts="/"
          className="h-7 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 text-xs dark:border-slate-700 dark:bg-slate-900"
        />
        <button
          type="button"
          onClick={() => setPaletteOpen(true)}
          aria-keyshortcuts="Control+K Meta+K"
          title="Go to anything (Ctrl/Cmd+K)"
          className="h-7 shrink-0 rounded-md border border-slate-300 px-1.5 text-[11px] text-slate-500 hover:bg-slate-100 dark:text-slate-400 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {isMac() ? '⌘K' : 'Ctrl K'}
        </button>
      </div>
      {artifacts.isPending && <LoadingState label="Loading artifacts…" />}
      {artifacts.isError && artifacts.error.code === 'not-found' && (
        <p className="px-3 py-2 text-xs text-slate-500 dark:text-slate-400">This project does not exist yet.</p>
      )}
      {artifacts.isError && artifacts.error.code !== 'not-found' && <ErrorState error={artifacts.error} onRetry={() => void artifacts.refetch()} />}
      {artifacts.isSuccess && groups.length === 0 && (
        <p className="px-3 py-2 text-xs text-slate-500 dark:text-slate-400">{filtering ? 'Nothing matches: try part of a name, an alias or a tag, or press Esc to clear the filter.' : 'No artifacts yet: drop a folder on the page to log the first version.'}</p>
      )}
      {groups.length > 0 && (
        <SidebarGroups groups={groups} activeArtifact={activeArtifact} activeRef={activeRef} matched={match?.versions} />
      )}
      {paletteOpen && <CommandPalette project={project} onClose={() => setPaletteOpen(false)} />}
    </nav>
  );
}

/** Rows rendered in the first pass; the rest follow in a background render that input can interrupt. */
const FIRST_PASS_ROWS = 120;

type SidebarGroupsProps = {
  groups: Array<[string, Artifact[]]>;
  activeArtifact?: string;
  activeRef?: string;
  matched: ReadonlyMap<string, string[]> | undefined;
};

/**
 * The type groups. On mount only the first rows render, so a 1,000-artifact project shows its
 * sidebar at once; `useDeferredValue` then renders everything at low priority.
 */
function SidebarGroups({ groups, activeArtifact, activeRef, matched }: SidebarGroupsProps) {
  const limit = useDeferredValue(Number.POSITIVE_INFINITY, FIRST_PASS_ROWS);
  const starts = groups.reduce<number[]>((acc, [, list], k) => [...acc, (acc[k] ?? 0) + list.length], [0]);
  return groups.map(([type, all], k) => {
    const list = all.slice(0, Math.max(0, limit - (starts[k] ?? 0)));
    return (
      <section key={type} aria-label={`Type ${type}`} className="pb-2">
        <h3 className="flex items-center justify-between px-3 py-1 text-xs font-medium text-slate-500 dark:text-slate-400">
          <span className="truncate">{type}</span>
          <span className="tabular-nums">{all.length}</span>
        </h3>
        <ul>
          {list.map((artifact) => (
            <SidebarArtifact
              key={artifact.id}
              artifact={artifact}
              active={artifact.name === activeArtifact}
              activeRef={artifact.name === activeArtifact ? activeRef : undefined}
              matchedRefs={matched?.get(artifact.id)}
            />
          ))}
        </ul>
      </section>
    );
  });
}

function groupByType(artifacts: readonly Artifact[]): Array<[string, Artifact[]]> {
  const byType = new Map<string, Artifact[]>();
  for (const artifact of artifacts) {
    const list = byType.get(artifact.type) ?? [];
    list.push(artifact);
    byType.set(artifact.type, list);
  }
  return [...byType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, list]) => [type, list.sort((a, b) => a.name.localeCompare(b.name))]);
}

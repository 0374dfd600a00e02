import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { artifactQueries, runQueries, versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { cn } from '../../../ui/cn';
import { Dialog } from '../../../ui/dialog';
import { hrefs } from '../../../ui/hrefs';
import { navigate } from '../../../ui/navigation';
import { paletteItems, searchPalette } from '../sidebar-filter';

type CommandPaletteProps = { project: string; onClose: () => void };

const KIND_LABEL = { artifact: 'Artifact', version: 'Version', run: 'Run' } as const;

/** Ctrl/Cmd+K: type to find any artifact, version (name, alias, tag) or run, Enter to go there. */
export function CommandPalette({ project, onClose }: CommandPaletteProps) {
  const store = useStore();
  const ids = useId();
  const artifacts = useQuery(artifactQueries.list(store, project));
  const versions = useQuery(versionQueries.ofProject(store, project));
  const runs = useQuery(runQueries.list(store, project));
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);

  const items = useMemo(
    () => paletteItems(artifacts.data ?? [], versions.data ?? [], runs.data ?? [], hrefs),
    [artifacts.data, versions.data, runs.data],
  );
  const results = useMemo(() => searchPalette(items, query), [items, query]);
  const current = Math.min(active, Math.max(results.length - 1, 0));
  const loading = artifacts.isPending || versions.isPending || runs.isPending;
  const failed = artifacts.error ?? versions.error ?? runs.error;

  const go = (href: string) => {
    onClose();
    navigate(href);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + results.length) % Math.max(results.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = results[current];
      if (item) go(item.href);
    }
  };

  return (
    <Dialog open onClose={onClose} title="Go to…" className="w-[36rem]">
      <input
        autoFocus
        role="combobox"
        aria-expanded
        aria-controls={`${ids}-list`}
        aria-activedescendant={results[current] ? `${ids}-${current}` : undefined}
        aria-label="Search artifacts, versions and runs"
        placeholder="Artifact, version, alias, tag or run…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm dark:border-slate-700 dark:bg-slate-900"
      />
      <ul id={`${ids}-list`} role="listbox" aria-label="Results" className="max-h-80 overflow-auto">
        {results.map((item, k) => (
          <li
            key={`${item.kind}:${item.href}`}
            id={`${ids}-${k}`}
            role="option"
            aria-selected={k === current}
            onMouseEnter={() => setActive(k)}
            onClick={() => go(item.href)}
            className={cn(
              'flex cursor-pointer items-center gap-3 rounded px-2 py-1.5 text-sm',
              k === current && 'bg-indigo-50 dark:bg-indigo-950/50',
            )}
          >
            <span className="w-14 shrink-0 text-[11px] text-slate-500 uppercase dark:text-slate-400">{KIND_LABEL[item.kind]}</span>
            <span className="truncate font-medium">{item.label}</span>
            <span className="ml-auto truncate text-xs text-slate-500 dark:text-slate-400">{item.detail}</span>
          </li>
        ))}
      </ul>
      {/* Outside the listbox: a listbox may only hold options. */}
      <p role="status" className="px-2 text-sm text-slate-500 empty:hidden dark:text-slate-400">
        {failed
          ? `Could not load everything to search (${failed.message}). Close this and press Ctrl/Cmd+K to try again.`
          : loading
            ? 'Loading…'
            : results.length === 0
              ? `Nothing matches "${query}": try an artifact name, vN, an alias, a tag or a run name.`
              : ''}
      </p>
    </Dialog>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatBytes } from '../../../domain/format';
import type { Artifact } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { cn } from '../../../ui/cn';
import { hrefs } from '../../../ui/hrefs';
import { Link } from '../../../ui/navigation';
import { Spinner } from '../../../ui/spinner';

type SidebarArtifactProps = {
  artifact: Artifact;
  active: boolean;
  /** The version ref in the URL when this artifact is active. */
  activeRef: string | undefined;
  /** Versions that matched the sidebar filter by alias or tag: the artifact opens to show them. */
  matchedRefs?: readonly string[];
};

export function SidebarArtifact({ artifact, active, activeRef, matchedRefs }: SidebarArtifactProps) {
  const [toggled, setToggled] = useState<boolean | null>(null);
  const expanded = toggled ?? (active || (matchedRefs !== undefined && matchedRefs.length > 0));

  return (
    <li>
      <div
        className={cn(
          'group flex items-center gap-1 pr-3 pl-1',
          active && !activeRef && 'bg-indigo-50 dark:bg-indigo-950/40',
        )}
      >
        <button
          type="button"
          aria-expanded={expanded}
          aria-label={`${expanded ? 'Hide' : 'Show'} versions of ${artifact.name}`}
          onClick={() => setToggled(!expanded)}
          className="grid size-5 shrink-0 place-items-center rounded text-slate-500 hover:bg-slate-200 hover:text-slate-700 dark:hover:bg-slate-800 dark:text-slate-400"
        >
          <svg viewBox="0 0 12 12" className={cn('size-3 transition-transform', expanded && 'rotate-90')} aria-hidden>
            <path d="M4.5 2.5 8 6l-3.5 3.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          </svg>
        </button>
        <Link
          data-nav-item
          to={hrefs.artifact(artifact.project, artifact.name)}
          aria-current={active && !activeRef ? 'page' : undefined}
          className={cn(
            'min-w-0 flex-1 truncate py-1 font-medium text-slate-700 hover:text-slate-950 dark:text-slate-300 dark:hover:text-white',
            active && 'text-indigo-700 dark:text-indigo-300',
          )}
        >
          {artifact.name}
        </Link>
        <span
          className="shrink-0 text-[11px] text-slate-600 tabular-nums dark:text-slate-400"
          title={`${artifact.versionCount} ${artifact.versionCount === 1 ? 'version' : 'versions'}, ${formatBytes(artifact.totalSize)}`}
        >
          {artifact.versionCount} · {formatBytes(artifact.totalSize)}
        </span>
      </div>
      {expanded && <SidebarVersions artifact={artifact} activeRef={activeRef} matchedRefs={matchedRefs} />}
    </li>
  );
}

type SidebarVersionsProps = { artifact: Artifact; activeRef: string | undefined; matchedRefs: readonly string[] | undefined };

function SidebarVersions({ artifact, activeRef, matchedRefs }: SidebarVersionsProps) {
  const store = useStore();
  const versions = useQuery(versionQueries.list(store, artifact.id));

  if (versions.isPending) return <Spinner className="mx-8 my-1 size-3 text-slate-500 dark:text-slate-400" label="Loading versions" />;
  if (versions.isError) {
    return (
      <p role="alert" className="px-8 py-1 text-xs text-red-700 dark:text-red-400">
        Could not load the versions: {versions.error.message}.{' '}
        <button type="button" className="underline" onClick={() => void versions.refetch()}>
          Try again
        </button>
      </p>
    );
  }
  if (versions.data.length === 0) return <p className="px-8 py-1 text-xs text-slate-500 dark:text-slate-400">No versions left: upload a folder to log one.</p>;

  return (
    <ul aria-label={`Versions of ${artifact.name}`} className="pb-1">
      {versions.data.map((version) => {
        const ref = `v${version.index}`;
        const current = activeRef !== undefined && (activeRef === ref || version.aliases.includes(activeRef));
        return (
          <li key={version.id}>
            <Link
              data-nav-item
              to={hrefs.version(artifact.project, artifact.name, ref)}
              aria-current={current ? 'page' : undefined}
              className={cn(
                'flex items-center gap-2 py-0.5 pr-3 pl-8 text-[13px] text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800/60',
                current && 'bg-indigo-50 font-medium text-indigo-700 dark:bg-indigo-950/40 dark:text-indigo-300',
                matchedRefs?.includes(ref) && 'underline decoration-amber-400 decoration-2 underline-offset-2',
              )}
            >
              <span className="font-mono">{ref}</span>
              <span className="truncate text-[11px] text-slate-600 dark:text-slate-400">{version.aliases.join(', ')}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

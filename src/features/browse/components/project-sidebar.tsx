import { useQuery } from '@tanstack/react-query';
import type { Artifact } from '../../../domain/types';
import { artifactQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { Link } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { SidebarArtifact } from './sidebar-artifact';

type ProjectSidebarProps = {
  project: string;
  /** Artifact name and version ref from the URL, to highlight and expand. */
  activeArtifact?: string;
  activeRef?: string;
};

/** The project's artifacts grouped by type, each with its version count and size. */
export function ProjectSidebar({ project, activeArtifact, activeRef }: ProjectSidebarProps) {
  const store = useStore();
  const artifacts = useQuery(artifactQueries.list(store, project));

  const groups = artifacts.data ? groupByType(artifacts.data) : [];

  return (
    <nav aria-label="Artifacts" className="flex min-h-0 flex-col text-sm">
      <Link
        to={hrefs.project(project)}
        className="truncate px-3 pt-3 pb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
      >
        {project}
      </Link>
      {artifacts.isPending && <LoadingState label="Loading artifacts…" />}
      {artifacts.isError && <ErrorState error={artifacts.error} onRetry={() => void artifacts.refetch()} />}
      {artifacts.isSuccess && groups.length === 0 && (
        <p className="px-3 py-2 text-xs text-slate-500">No artifacts yet.</p>
      )}
      {groups.map(([type, list]) => (
        <section key={type} aria-label={`Type ${type}`} className="pb-2">
          <h3 className="flex items-center justify-between px-3 py-1 text-xs font-medium text-slate-500 dark:text-slate-400">
            <span className="truncate">{type}</span>
            <span className="tabular-nums">{list.length}</span>
          </h3>
          <ul>
            {list.map((artifact) => (
              <SidebarArtifact
                key={artifact.id}
                artifact={artifact}
                active={artifact.name === activeArtifact}
                activeRef={artifact.name === activeArtifact ? activeRef : undefined}
              />
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
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

import { Suspense, useCallback, useMemo } from 'react';
import type { LineageNodeId } from '../../../domain/lineage';
import type { VersionId } from '../../../domain/types';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { Link, navigate } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { useLineageGraph, useLineageInteractions, useLineageModel } from '../hooks/use-lineage-model';
import { DEFAULT_DEPTH } from '../lineage-url';
import type { LineageUrlState } from '../lineage-url';
import { LineageCanvas } from './lineage-canvas';

type LineageTabProps = { project: string; versionId: VersionId };

/** The version page's Lineage tab: a small graph around the version, and a link to the full view. */
export function LineageTab({ project, versionId }: LineageTabProps) {
  const { query, graph } = useLineageGraph(project);
  const url = useMemo<LineageUrlState>(() => ({ focus: versionId, up: DEFAULT_DEPTH, down: DEFAULT_DEPTH, dir: 'LR', types: [], jobs: [] }), [versionId]);
  const interactions = useLineageInteractions();
  const onSelect = useCallback(
    (id: LineageNodeId) => navigate(hrefs.lineage(project, { focus: id, up: DEFAULT_DEPTH, down: DEFAULT_DEPTH })),
    [project],
  );
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!graph) return <LoadingState label="Loading lineage…" />;
  return <TabCanvas project={project} versionId={versionId} graph={graph} url={url} interactions={interactions} onSelect={onSelect} />;
}

type TabCanvasProps = {
  project: string;
  versionId: VersionId;
  graph: NonNullable<ReturnType<typeof useLineageGraph>['graph']>;
  url: LineageUrlState;
  interactions: ReturnType<typeof useLineageInteractions>;
  onSelect: (id: LineageNodeId) => void;
};

function TabCanvas({ project, versionId, graph, url, interactions, onSelect }: TabCanvasProps) {
  const model = useLineageModel(graph, url, interactions);
  return (
    <section aria-label="Lineage" className="flex flex-col gap-2">
      <Link to={hrefs.lineage(project, { focus: versionId, up: DEFAULT_DEPTH, down: DEFAULT_DEPTH })} className="self-end text-sm text-indigo-700 hover:underline dark:text-indigo-300">
        Open full lineage
      </Link>
      <div className="h-80 rounded-lg border border-slate-200 dark:border-slate-800" role="region" aria-label="Lineage graph">
        <Suspense fallback={<LoadingState label="Laying out…" />}>
          <LineageCanvas view={model.view} direction="LR" decorate={model.decorate} pathEdges={model.path.edges} onSelect={onSelect} compact />
        </Suspense>
      </div>
    </section>
  );
}

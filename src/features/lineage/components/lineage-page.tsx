import { Suspense, useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import type { LineageGraph, LineageNodeId } from '../../../domain/lineage';
import type { VersionId } from '../../../domain/types';
import { Button } from '../../../ui/button';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { Link, navigate, useLocation } from '../../../ui/navigation';
import { LoadingState, Spinner } from '../../../ui/spinner';
import { useLineageGraph, useLineageInteractions, useLineageModel } from '../hooks/use-lineage-model';
import { lineageHrefParams, parseLineageUrl } from '../lineage-url';
import type { LineageUrlState } from '../lineage-url';
import { LineageActionsContext } from './lineage-actions';
import type { LineageActions } from './lineage-actions';
import { LineageCanvas } from './lineage-canvas';
import { LineageToolbar } from './lineage-toolbar';
import { NodePanel } from './node-panel';
import { RecordRunDialog } from './record-run-dialog';

type LineagePageProps = {
  project: string;
  /** Editable alias chips for a version in the side panel, composed in src/app (read-only chips otherwise). */
  aliasEditor?: (versionId: VersionId) => ReactNode;
};

/** The project's lineage: `/p/:project/lineage?focus=…&up=…&down=…&dir=…`. */
export function LineagePage({ project, aliasEditor }: LineagePageProps) {
  const { searchParams } = useLocation();
  const url = useMemo(() => parseLineageUrl(searchParams), [searchParams]);
  const { query, graph } = useLineageGraph(project);
  const [recording, setRecording] = useState(false);

  if (query.isPending) return <LoadingState label="Loading lineage…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <div className="flex h-full min-h-[32rem] flex-col">
      <div className="flex items-center gap-3 px-4 pt-3">
        <h1 className="text-lg font-semibold">Lineage</h1>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {graph?.nodes.size ?? 0} versions and runs{url.focus ? ` · focused on ${url.focus.replace(/^[^/]*\//, '')}` : ''}
        </span>
        <Button size="sm" className="ml-auto" onClick={() => setRecording(true)}>
          Record run
        </Button>
      </div>
      {graph && graph.nodes.size > 0 ? (
        <LineageWorkspace project={project} graph={graph} url={url} aliasEditor={aliasEditor} />
      ) : (
        <EmptyState
          title="No lineage yet"
          description="Upload a version on the project page (you can name the run that produced it there), or record a run here, and this page shows how they connect."
          actions={
            <>
              <Link to={hrefs.project(project)} className="text-sm text-indigo-700 underline dark:text-indigo-300">
                Go to the project page
              </Link>
              <Button size="sm" onClick={() => setRecording(true)}>
                Record run
              </Button>
            </>
          }
        />
      )}
      <RecordRunDialog
        project={project}
        open={recording}
        onClose={() => setRecording(false)}
        onRecorded={(run) => {
          setRecording(false);
          navigate(hrefs.lineage(project, lineageHrefParams({ ...url, focus: `run:${run.id}` })));
        }}
      />
    </div>
  );
}

type WorkspaceProps = { project: string; graph: LineageGraph; url: LineageUrlState; aliasEditor?: ((versionId: VersionId) => ReactNode) | undefined };

function LineageWorkspace({ project, graph, url, aliasEditor }: WorkspaceProps) {
  const interactions = useLineageInteractions();
  const model = useLineageModel(graph, url, interactions);
  const [selected, setSelected] = useState<LineageNodeId | null>(null);
  // The view travels with the focus and depths it was made for, so the canvas re-fits once the
  // new graph is on screen, not while the previous one is still shown.
  const scope = `${url.focus ?? ''}|${url.up}|${url.down}`;
  const framed = useMemo(() => ({ view: model.view, scope }), [model.view, scope]);
  const deferred = useDeferredValue(framed);
  const deferredView = deferred.view;
  // the previous graph stays on screen while the new one is laid out, which a large cluster makes
  // noticeable (bench row "pan/zoom frame rate after expanding the 2,000-run cluster in place")
  const updating = deferred !== framed;
  const { path, setPath, setCompare, expandCluster, pullOut } = interactions;

  const describe = useCallback(
    (id: LineageNodeId) => {
      const n = graph.nodes.get(id);
      if (!n) return id;
      return n.kind === 'version' ? `${n.artifactName}:v${n.index}` : `${n.name} (${n.jobType})`;
    },
    [graph],
  );
  const actions = useMemo<LineageActions>(() => ({ expandCluster, pullOut, describe }), [expandCluster, pullOut, describe]);
  const onSelect = useCallback(
    (id: LineageNodeId) => {
      if (path && path.to === null) setPath({ from: path.from, to: id });
      setSelected(id);
    },
    [path, setPath],
  );
  const selectedNode = selected === null ? undefined : (model.view.nodes.find((n) => n.id === selected) ?? graph.nodes.get(selected));

  return (
    <LineageActionsContext value={actions}>
      <LineageToolbar project={project} url={url} kinds={model.kinds} />
      {url.focus !== null && !graph.nodes.has(url.focus) && (
        <p role="status" className="border-b border-slate-200 bg-amber-50 px-4 py-1.5 text-xs dark:border-slate-800 dark:bg-amber-950/40">
          “{url.focus}” is not in this project’s lineage (deleted, or a mistyped link): showing the whole project.
        </p>
      )}
      <Banners model={model} interactions={interactions} describe={describe} />
      <div className="flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1" aria-label="Lineage graph" role="region">
          <ErrorBoundary
            resetKeys={[deferredView, url.dir]}
            fallbackRender={({ error, resetErrorBoundary }) => (
              <ErrorState
                error={error instanceof Error ? error : null}
                title="Could not lay out the graph"
                hint="Try again; if it keeps failing, focus on one node with a smaller depth, or collapse expanded clusters."
                onRetry={resetErrorBoundary}
              />
            )}
          >
            <Suspense fallback={<LoadingState label="Laying out…" />}>
              <LineageCanvas
                key={`${url.focus ?? ''}|${url.dir}`}
                view={deferredView}
                direction={url.dir}
                decorate={model.decorate}
                pathEdges={model.path.edges}
                onSelect={onSelect}
                fitKey={deferred.scope}
                keepVisible={selected ?? url.focus}
              />
            </Suspense>
          </ErrorBoundary>
          {updating && (
            <p
              role="status"
              // fades in after 200 ms, so quick updates do not flash it
              className="absolute top-2 left-1/2 z-10 flex -translate-x-1/2 items-center gap-2 rounded-full bg-white px-3 py-1 text-xs shadow ring-1 ring-slate-200 transition-opacity delay-200 duration-150 starting:opacity-0 dark:bg-slate-900 dark:ring-slate-700"
            >
              <Spinner /> Updating the graph…
            </p>
          )}
        </div>
        {selectedNode && (
          <NodePanel
            project={project}
            graph={graph}
            node={selectedNode}
            focusHref={hrefs.lineage(project, lineageHrefParams({ ...url, focus: selectedNode.id }))}
            onClose={() => setSelected(null)}
            onPathFrom={(from) => setPath({ from, to: null })}
            onCompare={(a, b) => setCompare([a, b])}
            onExpand={expandCluster}
            onPullOut={pullOut}
            describe={describe}
            aliasEditor={aliasEditor}
          />
        )}
      </div>
    </LineageActionsContext>
  );
}

type BannersProps = {
  model: ReturnType<typeof useLineageModel>;
  interactions: ReturnType<typeof useLineageInteractions>;
  describe: (id: LineageNodeId) => string;
};

function Banners({ model, interactions, describe }: BannersProps) {
  const { path, setPath, compare, setCompare, expanded, pulledOut, collapseAll } = interactions;
  const banner = 'flex items-center gap-3 border-b border-slate-200 px-4 py-1.5 text-xs dark:border-slate-800';
  return (
    <>
      {path && (
        <div role="status" className={`${banner} bg-fuchsia-50 dark:bg-fuchsia-950/40`}>
          {path.to === null
            ? `Click a second node to highlight the path from ${describe(path.from)}.`
            : `Path ${describe(path.from)} ↔ ${describe(path.to)}: ${model.path.nodes.size} nodes${model.path.nodes.size === 0 ? ' (not connected)' : ''}.`}
          <button type="button" className="underline" onClick={() => setPath(null)}>
            Clear path
          </button>
        </div>
      )}
      {compare && model.difference && (
        <div role="status" className={`${banner} bg-amber-50 dark:bg-amber-950/40`}>
          {describe(compare[0])} vs {describe(compare[1])}: {model.difference.changed.size} upstream versions and runs differ (outlined).
          <button type="button" className="underline" onClick={() => setCompare(null)}>
            Clear comparison
          </button>
        </div>
      )}
      {(expanded.size > 0 || pulledOut.size > 0) && (
        <div className={banner}>
          {expanded.size} clusters expanded, {pulledOut.size} members pulled out.
          <button type="button" className="underline" onClick={collapseAll}>
            Collapse all
          </button>
        </div>
      )}
    </>
  );
}

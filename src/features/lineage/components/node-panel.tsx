import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { formatBytes, formatDuration } from '../../../domain/format';
import type { ClusterNode, LineageGraph, LineageNodeId, RunLineageNode, VersionLineageNode } from '../../../domain/lineage';
import type { VersionId } from '../../../domain/types';
import { runQueries, versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { Chip } from '../../../ui/chip';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { JsonView } from '../../../ui/json-view';
import { Link } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { DetailField } from '../../../ui/detail-field';
import { formatDateTime } from '../../../lib/format-time';

type NodePanelProps = {
  project: string;
  graph: LineageGraph;
  node: VersionLineageNode | RunLineageNode | ClusterNode;
  focusHref: string;
  onClose: () => void;
  onPathFrom: (id: LineageNodeId) => void;
  onCompare: (a: VersionId, b: VersionId) => void;
  onExpand: (id: LineageNodeId) => void;
  onPullOut: (id: LineageNodeId) => void;
  describe: (id: LineageNodeId) => string;
  /** Editable alias chips for a version, composed in src/app; read-only chips when absent. */
  aliasEditor?: ((versionId: VersionId) => ReactNode) | undefined;
};

const linkClass = 'text-indigo-700 hover:underline dark:text-indigo-300';

/** The side panel of a clicked node: the same facts as its page, and a link to open it. */
export function NodePanel(props: NodePanelProps) {
  const { node, onClose } = props;
  const title = node.kind === 'version' ? `${node.artifactName}:v${node.index}` : node.kind === 'run' ? node.name : `${node.members.length} × ${node.label}`;
  return (
    <aside aria-label="Node details" className="flex w-80 shrink-0 flex-col gap-2 overflow-y-auto border-l border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-mono text-sm font-semibold break-all">{title}</h2>
        <button type="button" aria-label="Close details" className="text-slate-500 hover:text-slate-900 dark:text-slate-400" onClick={onClose}>
          ✕
        </button>
      </div>
      {node.kind === 'version' && <VersionFacts {...props} node={node} />}
      {node.kind === 'run' && <RunFacts {...props} node={node} />}
      {node.kind === 'cluster' && <ClusterFacts {...props} node={node} />}
    </aside>
  );
}

function Actions({ children }: { children: ReactNode }) {
  return <div className="mt-2 flex flex-wrap gap-2 border-t border-slate-200 pt-3 dark:border-slate-800">{children}</div>;
}

function VersionFacts({ project, graph, node, focusHref, onPathFrom, onCompare, aliasEditor }: NodePanelProps & { node: VersionLineageNode }) {
  const store = useStore();
  const query = useQuery(versionQueries.detail(store, node.versionId));
  const siblings = [...graph.nodes.values()].filter(
    (n): n is VersionLineageNode => n.kind === 'version' && n.artifactId === node.artifactId && n.id !== node.id,
  );
  if (query.isPending) return <LoadingState label="Loading version…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} className="m-0" />;
  const v = query.data;
  return (
    <>
      <dl>
        <DetailField compact label="Type">{v.type}</DetailField>
        <DetailField compact label="Aliases">
          {aliasEditor ? (
            aliasEditor(v.id)
          ) : (
            <span className="flex flex-wrap gap-1">{v.aliases.length ? v.aliases.map((a) => <Chip key={a} tone="accent">{a}</Chip>) : '—'}</span>
          )}
        </DetailField>
        <DetailField compact label="Digest">
          <span className="font-mono text-xs break-all">{v.digest}</span>
        </DetailField>
        <DetailField compact label="Size">{formatBytes(v.size)} · {v.fileCount} files</DetailField>
        <DetailField compact label="Created">{formatDateTime(v.createdAt)}</DetailField>
        {v.description && <DetailField compact label="Description">{v.description}</DetailField>}
      </dl>
      <Actions>
        <Link to={hrefs.version(project, v.artifactName, `v${v.index}`)} className={linkClass}>
          Open
        </Link>
        <Link to={focusHref} className={linkClass}>
          Focus here
        </Link>
        <Button size="sm" variant="ghost" onClick={() => onPathFrom(node.id)}>
          Path to…
        </Button>
      </Actions>
      {siblings.length > 0 && (
        <label className="flex flex-col gap-1 text-xs">
          What changed upstream, compared with
          <select
            className="h-7 rounded border border-slate-300 bg-white px-1 dark:border-slate-700 dark:bg-slate-900"
            value=""
            onChange={(e) => e.target.value && onCompare(node.versionId, e.target.value as VersionId)}
          >
            <option value="">choose a version…</option>
            {siblings.map((s) => (
              <option key={s.id} value={s.id}>
                {s.artifactName}:v{s.index}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}

function RunFacts({ project, graph, node, focusHref, onPathFrom }: NodePanelProps & { node: RunLineageNode }) {
  const store = useStore();
  const query = useQuery(runQueries.detail(store, node.runId));
  if (query.isPending) return <LoadingState label="Loading run…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} className="m-0" />;
  const run = query.data;
  const outputs = graph.children.get(node.id) ?? [];
  return (
    <>
      <dl>
        <DetailField compact label="Job type">{run.jobType}</DetailField>
        <DetailField compact label="State">{run.state}</DetailField>
        <DetailField compact label="Started">{formatDateTime(run.startedAt)}</DetailField>
        {run.finishedAt !== null && <DetailField compact label="Duration">{formatDuration(run.finishedAt - run.startedAt)}</DetailField>}
        <DetailField compact label="Inputs">{run.inputs.length}</DetailField>
        <DetailField compact label="Outputs">{outputs.length}</DetailField>
        {Object.keys(run.config).length > 0 && (
          // full width under its label: beside it, a config's lines had a third of the panel
          <div className="py-1">
            <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">Config</dt>
            <dd className="mt-1 min-w-0">
              <JsonView value={run.config} className="max-h-40 max-w-full" aria-label="Run config" />
            </dd>
          </div>
        )}
      </dl>
      <Actions>
        <Link to={hrefs.run(project, run.id)} className={linkClass}>
          Open
        </Link>
        <Link to={focusHref} className={linkClass}>
          Focus here
        </Link>
        <Button size="sm" variant="ghost" onClick={() => onPathFrom(node.id)}>
          Path to…
        </Button>
      </Actions>
    </>
  );
}

function ClusterFacts({ node, onExpand, onPullOut, describe }: NodePanelProps & { node: ClusterNode }) {
  return (
    <>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {node.members.length} {node.memberKind === 'version' ? `versions of ${node.label}` : `runs of job type ${node.label}`} at one level, collapsed.
      </p>
      <Button size="sm" onClick={() => onExpand(node.id)}>
        Expand in place
      </Button>
      <ul aria-label="Cluster members" className="flex flex-col text-xs">
        {node.members.slice(0, 200).map((m) => (
          <li key={m} className="flex items-center justify-between gap-2 py-0.5">
            <span className="truncate font-mono">{describe(m)}</span>
            <button type="button" className={linkClass} onClick={() => onPullOut(m)}>
              Pull out
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

import type { Node, NodeProps, NodeTypes } from '@xyflow/react';
import { memo, useState } from 'react';
import type { ClusterNode, RunLineageNode, VersionLineageNode } from '../../../domain/lineage';
import { cn } from '../../../ui/cn';
import { NODE_SIZES } from '../node-sizes';
import { useLineageActions } from './lineage-actions';

/** How a node is drawn on top of what it is. (No handles: edges are drawn by lineage-edges.tsx.) */
export type NodeDecoration = {
  /** Not matching the filters: drawn faded. */
  dimmed: boolean;
  /** On the highlighted path. */
  onPath: boolean;
  /** Upstream of only one of two compared versions. */
  changed: boolean;
  focused: boolean;
};

export type VersionNodeData = NodeDecoration & { node: VersionLineageNode };
export type RunNodeData = NodeDecoration & { node: RunLineageNode };
export type ClusterNodeData = NodeDecoration & { node: ClusterNode };
export type VersionFlowNode = Node<VersionNodeData, 'version'>;
export type RunFlowNode = Node<RunNodeData, 'run'>;
export type ClusterFlowNode = Node<ClusterNodeData, 'cluster'>;
export type LineageFlowNode = VersionFlowNode | RunFlowNode | ClusterFlowNode;

function frame(d: NodeDecoration, base: string): string {
  return cn(
    'flex h-full w-full flex-col justify-center overflow-hidden rounded-lg border px-3 text-left shadow-sm transition-opacity',
    base,
    d.dimmed && 'opacity-25',
    d.changed && 'ring-2 ring-amber-500',
    d.onPath && 'ring-2 ring-fuchsia-500',
    d.focused && 'outline-2 outline-offset-2 outline-indigo-500',
  );
}

export const VersionNodeView = memo(function VersionNodeView({ data }: NodeProps<VersionFlowNode>) {
  const { node } = data;
  return (
    <div
      className={frame(data, 'border-sky-300 bg-sky-50 dark:border-sky-800 dark:bg-sky-950')}
      style={NODE_SIZES.version}
      data-testid={`lineage-node-${node.id}`}
      data-changed={data.changed || undefined}
      data-on-path={data.onPath || undefined}
      data-dimmed={data.dimmed || undefined}
    >
      <div className="truncate text-[10px] tracking-wide text-sky-700 uppercase dark:text-sky-300">{node.type}</div>
      <div className="truncate font-mono text-sm font-semibold">
        {node.artifactName}:v{node.index}
      </div>
      {node.aliases.length > 0 && (
        <div className="mt-0.5 flex gap-1 overflow-hidden">
          {node.aliases.map((alias) => (
            <span key={alias} className="rounded-full bg-white px-1.5 font-mono text-[10px] text-sky-800 ring-1 ring-sky-200 dark:bg-sky-900 dark:text-sky-200 dark:ring-sky-700">
              {alias}
            </span>
          ))}
        </div>
      )}
    </div>
  );
});

const stateColour: Record<RunLineageNode['state'], string> = {
  running: 'bg-indigo-500',
  finished: 'bg-emerald-500',
  failed: 'bg-red-500',
  crashed: 'bg-amber-500',
  cancelled: 'bg-slate-400',
};

export const RunNodeView = memo(function RunNodeView({ data }: NodeProps<RunFlowNode>) {
  const { node } = data;
  return (
    <div
      className={frame(data, 'border-violet-300 bg-violet-50 dark:border-violet-800 dark:bg-violet-950')}
      style={NODE_SIZES.run}
      data-testid={`lineage-node-${node.id}`}
      data-changed={data.changed || undefined}
      data-on-path={data.onPath || undefined}
      data-dimmed={data.dimmed || undefined}
    >
      <div className="flex items-center gap-1.5 text-[10px] tracking-wide text-violet-700 uppercase dark:text-violet-300">
        <span className={cn('size-1.5 rounded-full', stateColour[node.state])} title={node.state} />
        run · {node.jobType}
      </div>
      <div className="truncate text-sm font-semibold">{node.name}</div>
      <div className="text-[10px] text-slate-600 dark:text-slate-400">{node.state}</div>
    </div>
  );
});

export const ClusterNodeView = memo(function ClusterNodeView({ data }: NodeProps<ClusterFlowNode>) {
  const { node } = data;
  const actions = useLineageActions();
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const matches = needle === '' ? [] : node.members.filter((m) => actions.describe(m).toLowerCase().includes(needle)).slice(0, 8);
  const noun = node.memberKind === 'version' ? `versions of ${node.label}` : `${node.label} runs`;
  return (
    <div
      className={frame(data, 'relative overflow-visible border-dashed border-slate-400 bg-white dark:border-slate-600 dark:bg-slate-900')}
      style={NODE_SIZES.cluster}
      data-testid={`lineage-node-${node.id}`}
      data-dimmed={data.dimmed || undefined}
      aria-label={`Cluster of ${node.members.length} ${noun}`}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="truncate text-sm font-semibold">
          <span className="mr-1 rounded bg-slate-800 px-1.5 text-xs text-white dark:bg-slate-200 dark:text-slate-900">{node.members.length}</span>
          {noun}
        </span>
        <button
          type="button"
          className="nodrag shrink-0 rounded px-1.5 text-xs text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300"
          onClick={(event) => {
            event.stopPropagation();
            actions.expandCluster(node.id);
          }}
        >
          Expand
        </button>
      </div>
      <input
        type="search"
        aria-label={`Search ${noun}`}
        placeholder="Search members…"
        className="nodrag nowheel mt-1.5 h-7 w-full rounded border border-slate-300 bg-white px-2 text-xs dark:border-slate-700 dark:bg-slate-950"
        value={search}
        onClick={(event) => event.stopPropagation()}
        onChange={(event) => setSearch(event.target.value)}
      />
      {needle !== '' && matches.length === 0 && (
        <p role="status" className="absolute top-full left-0 z-10 mt-1 w-full rounded-md border border-slate-200 bg-white p-1.5 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900">
          No member matches “{search.trim()}”: try part of a name{node.memberKind === 'version' ? ' or a version number' : ''}, or Expand to see all.
        </p>
      )}
      {matches.length > 0 && (
        <ul
          aria-label={`Matching ${noun}`}
          className="nodrag nowheel absolute top-full left-0 z-10 mt-1 w-full rounded-md border border-slate-200 bg-white p-1 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {matches.map((m) => (
            <li key={m} className="flex items-center justify-between gap-2 px-1 py-0.5">
              <span className="truncate font-mono">{actions.describe(m)}</span>
              <button
                type="button"
                className="shrink-0 text-indigo-700 hover:underline dark:text-indigo-300"
                onClick={(event) => {
                  event.stopPropagation();
                  actions.pullOut(m);
                  setSearch('');
                }}
              >
                Pull out
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});

export const nodeTypes = { version: VersionNodeView, run: RunNodeView, cluster: ClusterNodeView } satisfies NodeTypes;

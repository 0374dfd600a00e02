import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { parseVersionId } from '../../../domain/types';
import type { ArtifactVersion, RunId, VersionId } from '../../../domain/types';
import { runQueries, versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { JsonView } from '../../../ui/json-view';
import { Link } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { RunExecution } from './run-execution';

type RunPageProps = {
  project: string;
  runId: string;
  /** Run-level actions (e.g. delete), composed in src/app. */
  actions?: ReactNode;
};

const linkClass = 'font-mono text-indigo-700 hover:underline dark:text-indigo-300';

/** `/p/:project/runs/:runId`: config, inputs, outputs and times of one run. */
export function RunPage({ project, runId, actions }: RunPageProps) {
  const store = useStore();
  const run = useQuery(runQueries.detail(store, runId as RunId));
  const versions = useQuery(versionQueries.ofProject(store, project));

  if (run.isPending) return <LoadingState label="Loading run…" />;
  if (run.isError) return <ErrorState error={run.error} onRetry={() => void run.refetch()} />;
  const r = run.data;
  const outputs = (versions.data ?? []).filter((v) => v.producedBy === r.id);
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6 p-6">
      <header>
        <p className="text-xs tracking-wide text-slate-500 uppercase dark:text-slate-400">run · {r.jobType}</p>
        <div className="flex items-center gap-3">
          <h1 className="text-xl font-semibold">{r.name}</h1>
          {actions && <div className="ml-auto flex flex-wrap items-center justify-end gap-2">{actions}</div>}
        </div>
        <Link to={hrefs.lineage(project, { focus: `run:${r.id}`, up: 2, down: 2 })} className="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
          Show in lineage
        </Link>
      </header>
      <section aria-label="Run details">
        <RunExecution run={r} />
      </section>
      <section aria-label="Config">
        <h2 className="mb-2 text-sm font-semibold">Config</h2>
        {Object.keys(r.config).length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">No config.</p> : <JsonView value={r.config} />}
      </section>
      <section aria-label="Inputs">
        <h2 className="mb-2 text-sm font-semibold">Inputs ({r.inputs.length})</h2>
        <VersionList ids={r.inputs} empty="None: this run was recorded without input versions." />
      </section>
      <section aria-label="Outputs">
        <h2 className="mb-2 text-sm font-semibold">Outputs ({outputs.length})</h2>
        {versions.isPending ? (
          <LoadingState label="Loading outputs…" />
        ) : versions.isError ? (
          <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
        ) : (
          <VersionList ids={outputs.map((v: ArtifactVersion) => v.id)} empty="None yet. Attach outputs with the buttons above: the version you upload is logged as produced by this run." />
        )}
      </section>
    </div>
  );
}

function VersionList({ ids, empty }: { ids: readonly VersionId[]; empty: string }) {
  if (ids.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">{empty}</p>;
  return (
    <ul className="flex flex-col gap-1 text-sm">
      {ids.map((id) => {
        const parts = parseVersionId(id);
        return (
          <li key={id}>
            {parts ? (
              <Link to={hrefs.version(parts.project, parts.artifactName, `v${parts.index}`)} className={linkClass}>
                {parts.artifactName}:v{parts.index}
              </Link>
            ) : (
              <span className="font-mono">{id}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

import { useQuery } from '@tanstack/react-query';
import type { ArtifactVersion } from '../../../domain/types';
import { runQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Chip } from '../../../ui/chip';
import { ErrorState } from '../../../ui/error-state';
import { formatDateTime } from '../../../lib/format-time';
import { hrefs } from '../../../ui/hrefs';
import { Link } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { stateTones } from './producing-run';

/** The runs that used this version (W&B's "used by"): job type, state, start time, links to the run and its lineage. */
export function UsedBy({ version }: { version: ArtifactVersion }) {
  const store = useStore();
  const query = useQuery(runQueries.consumers(store, version.id));

  if (query.isPending) return <LoadingState label="Loading the runs that used it…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const runs = query.data;
  if (runs.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">No run has used this version yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs text-slate-500 dark:text-slate-400">
        <tr>
          <th className="py-1 pr-3 font-medium">Run</th>
          <th className="py-1 pr-3 font-medium">Job type</th>
          <th className="py-1 pr-3 font-medium">State</th>
          <th className="py-1 pr-3 font-medium">Started</th>
          <th className="py-1 font-medium">
            <span className="sr-only">Lineage</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} aria-label={run.name} className="border-t border-slate-200 dark:border-slate-800">
            <td className="py-1 pr-3">
              <Link to={hrefs.run(run.project, run.id)} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                {run.name}
              </Link>
            </td>
            <td className="py-1 pr-3 font-mono text-xs">{run.jobType}</td>
            <td className="py-1 pr-3">
              <Chip tone={stateTones[run.state]}>{run.state}</Chip>
            </td>
            <td className="py-1 pr-3">{formatDateTime(run.startedAt)}</td>
            <td className="py-1">
              <Link to={hrefs.lineage(run.project, { focus: `run:${run.id}` })} className="text-indigo-600 hover:underline dark:text-indigo-400">
                Lineage
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

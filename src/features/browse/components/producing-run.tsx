import { useQuery } from '@tanstack/react-query';
import { formatDuration } from '../../../domain/format';
import { parseVersionId } from '../../../domain/types';
import type { RunId, RunState } from '../../../domain/types';
import { runQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Chip } from '../../../ui/chip';
import type { ChipTone } from '../../../ui/chip';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { JsonView } from '../../../ui/json-view';
import { Link } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { formatDateTime } from '../../../lib/format-time';
import { DetailField } from '../../../ui/detail-field';

type ProducingRunProps = { runId: RunId };

export const stateTones: Record<RunState, ChipTone> = {
  running: 'accent',
  finished: 'success',
  failed: 'warning',
  crashed: 'warning',
  cancelled: 'neutral',
};

export function ProducingRun({ runId }: ProducingRunProps) {
  const store = useStore();
  const query = useQuery(runQueries.detail(store, runId));

  if (query.isPending) return <LoadingState label="Loading run…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} className="m-0" />;

  const run = query.data;
  return (
    <dl>
      <DetailField label="Run">
        <span className="font-medium">{run.name}</span> <Chip tone={stateTones[run.state]}>{run.state}</Chip>
      </DetailField>
      <DetailField label="Run id">
        <span className="font-mono text-xs break-all">{run.id}</span>
      </DetailField>
      <DetailField label="Job type">{run.jobType}</DetailField>
      <DetailField label="Started">{formatDateTime(run.startedAt)}</DetailField>
      {run.finishedAt !== null && (
        <DetailField label="Duration">{formatDuration(run.finishedAt - run.startedAt)}</DetailField>
      )}
      <DetailField label="Inputs">
        {run.inputs.length === 0 ? (
          <span className="text-slate-500 dark:text-slate-400">—</span>
        ) : (
          <ul className="flex flex-col gap-0.5">
            {run.inputs.map((input) => {
              const parts = parseVersionId(input);
              return (
                <li key={input} className="font-mono text-xs">
                  {parts ? (
                    <Link
                      to={hrefs.version(parts.project, parts.artifactName, `v${parts.index}`)}
                      className="text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {parts.artifactName}:v{parts.index}
                    </Link>
                  ) : (
                    input
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </DetailField>
      {Object.keys(run.config).length > 0 && (
        <DetailField label="Config">
          <JsonView value={run.config} className="max-h-48" />
        </DetailField>
      )}
    </dl>
  );
}

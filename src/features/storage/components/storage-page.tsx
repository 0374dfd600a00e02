import { useQuery } from '@tanstack/react-query';
import { formatBytes } from '../../../domain/format';
import { storageQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { Link } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { StorageRows } from './artifact-storage';

type StoragePageProps = { project: string };

/** A project's storage: logical vs stored bytes per artifact, what each delete frees, the browser quota. */
export function StoragePage({ project }: StoragePageProps) {
  const store = useStore();
  const usage = useQuery(storageQueries.usage(store, project));
  const quota = useQuery(storageQueries.browserQuota(store));

  if (usage.isPending) return <LoadingState label="Measuring storage…" />;
  if (usage.isError) return <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />;
  const u = usage.data;

  return (
    <div className="flex flex-col gap-4 px-6 py-4">
      <header>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          <Link to={hrefs.project(project)} className="hover:underline">
            {project}
          </Link>
        </p>
        <h1 className="text-lg font-semibold">Storage</h1>
      </header>
      <dl className="grid max-w-xl grid-cols-2 gap-x-6 gap-y-1 text-sm">
        <dt>Logical (sum of version sizes)</dt>
        <dd className="text-right tabular-nums">{formatBytes(u.logicalBytes)}</dd>
        <dt>Stored (unique files)</dt>
        <dd className="text-right tabular-nums">{formatBytes(u.storedBytes)}</dd>
        <dt>Staged, in no version (whole store)</dt>
        <dd className="text-right tabular-nums">{formatBytes(u.stagedBytes)}</dd>
        <dt>Browser quota used</dt>
        <dd className="text-right tabular-nums">
          {quota.data ? `${formatBytes(quota.data.usage)} of ${formatBytes(quota.data.quota)}` : 'unknown'}
        </dd>
      </dl>
      {u.artifacts.map((a) => {
        const name = a.artifactId.slice(project.length + 1);
        return (
          <section key={a.artifactId} aria-label={`Storage of ${name}`}>
            <h2 className="text-sm font-semibold">
              <Link to={hrefs.artifact(project, name)} className="hover:underline">
                {name}
              </Link>
              <span className="ml-2 font-normal text-slate-600 tabular-nums dark:text-slate-400">
                {formatBytes(a.logicalBytes)} logical · {formatBytes(a.storedBytes)} stored
              </span>
            </h2>
            <StorageRows rows={a.versions} />
          </section>
        );
      })}
    </div>
  );
}

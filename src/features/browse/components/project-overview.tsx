import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { formatBytes, formatCount } from '../../../domain/format';
import { artifactQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Chip } from '../../../ui/chip';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { Link } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { formatDateTime } from '../../../lib/format-time';
import { NewProjectForm } from './new-project-form';
import { PageHeader } from './page-header';
import { useDocumentTitle } from '../use-document-title';

type ProjectOverviewProps = {
  project: string;
  /** Mount point for project-level actions (e.g. "Upload"), composed in src/app. */
  actions?: ReactNode;
};

const th = 'px-3 py-2 text-left text-xs font-medium text-slate-500 dark:text-slate-400';
const td = 'px-3 py-2';

export function ProjectOverview({ project, actions }: ProjectOverviewProps) {
  const store = useStore();
  const query = useQuery(artifactQueries.list(store, project));
  useDocumentTitle(project);

  if (query.isPending) return <LoadingState label="Loading project…" />;
  if (query.isError && query.error.code === 'not-found') {
    return (
      <EmptyState
        title={`There is no project ${project} yet`}
        description="Create it to upload into it, or pick another project from the header's project menu."
        actions={<NewProjectForm initialName={project} submitLabel="Create project" />}
      />
    );
  }
  if (query.isError) {
    return <ErrorState title={`Could not load project ${project}`} error={query.error} hint="Try again, or pick another project from the home page." onRetry={() => void query.refetch()} />;
  }

  const artifacts = [...query.data].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  const versions = artifacts.reduce((sum, a) => sum + a.versionCount, 0);
  const bytes = artifacts.reduce((sum, a) => sum + a.totalSize, 0);
  return (
    <div>
      <PageHeader
        crumbs={[{ label: 'Projects', to: hrefs.home() }]}
        title={project}
        subtitle={`${formatCount(artifacts.length)} artifacts · ${formatCount(versions)} versions · ${formatBytes(bytes)}`}
        actions={actions}
      />
      {artifacts.length === 0 ? (
        <EmptyState
          title="No artifacts yet"
          description="Drop a folder anywhere on this page, or press Upload folder, to log the first version: the folder becomes a versioned artifact."
        />
      ) : (
        <div className="px-6 py-4">
          <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
            <table className="w-full text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60">
                <tr>
                  <th className={th}>Artifact</th>
                  <th className={th}>Type</th>
                  <th className={`${th} text-right`}>Versions</th>
                  <th className={th}>Latest</th>
                  <th className={`${th} text-right`}>Size</th>
                  <th className={th}>Created</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {artifacts.map((a) => (
                  <tr key={a.id} className="hover:bg-slate-50 dark:hover:bg-slate-900/40">
                    <td className={td}>
                      <Link
                        to={hrefs.artifact(project, a.name)}
                        className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                      >
                        {a.name}
                      </Link>
                    </td>
                    <td className={td}>
                      <Chip>{a.type}</Chip>
                    </td>
                    <td className={`${td} text-right tabular-nums`}>{formatCount(a.versionCount)}</td>
                    <td className={`${td} font-mono text-xs`}>
                      {a.latestIndex === null ? '—' : (
                        <Link to={hrefs.version(project, a.name, `v${a.latestIndex}`)} className="hover:underline">
                          v{a.latestIndex}
                        </Link>
                      )}
                    </td>
                    <td className={`${td} text-right tabular-nums`}>{formatBytes(a.totalSize)}</td>
                    <td className={`${td} whitespace-nowrap text-slate-600 dark:text-slate-400`}>
                      {formatDateTime(a.createdAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}

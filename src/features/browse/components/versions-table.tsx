import { useQuery } from '@tanstack/react-query';
import type { HTMLAttributes, ReactNode } from 'react';
import { expiresAt, ttlSecondsToDays } from '../../../domain/aliases';
import { formatBytes, formatCount } from '../../../domain/format';
import type { ArtifactId, ArtifactVersion } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Chip } from '../../../ui/chip';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { Link } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { formatDateTime } from '../../../lib/format-time';

/** Render props other features fill in (composed in src/app): the table stays browse's. */
export type VersionsTableSlots = {
  /** Replaces the read-only alias chips of a row. */
  aliasCell?: (version: ArtifactVersion) => ReactNode;
  /** A first column (e.g. selection): its header gets every listed version. */
  leadColumn?: { header: (versions: readonly ArtifactVersion[]) => ReactNode; cell: (version: ArtifactVersion) => ReactNode };
  /** A last column of per-row actions. */
  rowActions?: (version: ArtifactVersion) => ReactNode;
  /** Extra attributes of a row (e.g. drop-target handlers). */
  rowProps?: (version: ArtifactVersion) => HTMLAttributes<HTMLTableRowElement>;
  /** Above the table (e.g. a bulk-action bar). */
  toolbar?: (versions: readonly ArtifactVersion[]) => ReactNode;
};

type VersionsTableProps = { artifactId: ArtifactId; project: string; artifact: string; slots?: VersionsTableSlots };

const th = 'px-3 py-2 text-left text-xs font-medium text-slate-500 dark:text-slate-400';
const td = 'px-3 py-2 align-middle';

export function VersionsTable({ artifactId, project, artifact, slots = {} }: VersionsTableProps) {
  const store = useStore();
  const versions = useQuery(versionQueries.list(store, artifactId));

  if (versions.isPending) return <LoadingState label="Loading versions…" />;
  if (versions.isError) return <ErrorState title="Could not load the versions" error={versions.error} onRetry={() => void versions.refetch()} />;
  if (versions.data.length === 0) {
    return <EmptyState title="No versions" description="Every version of this artifact was deleted. Drop a folder on this page, or press Upload folder, to log a new one." />;
  }

  // The column shows only when some version has a time to live.
  const showsExpiry = versions.data.some((v) => v.ttlSeconds !== null);

  return (
    <>
    {slots.toolbar?.(versions.data)}
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60">
          <tr>
            {slots.leadColumn && <th className={`${th} w-8`}>{slots.leadColumn.header(versions.data)}</th>}
            <th className={th}>Version</th>
            <th className={th}>Aliases</th>
            <th className={th}>Digest</th>
            <th className={`${th} text-right`}>Files</th>
            <th className={`${th} text-right`}>Size</th>
            <th className={th}>Created</th>
            {showsExpiry && <th className={th}>Expires</th>}
            {slots.rowActions && <th className={th}><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {versions.data.map((version) => (
            <tr key={version.id} className="hover:bg-slate-50 dark:hover:bg-slate-900/40" {...slots.rowProps?.(version)}>
              {slots.leadColumn && <td className={td}>{slots.leadColumn.cell(version)}</td>}
              <td className={td}>
                <Link
                  to={hrefs.version(project, artifact, `v${version.index}`)}
                  className="font-mono font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  v{version.index}
                </Link>
              </td>
              <td className={td}>
                {slots.aliasCell ? (
                  slots.aliasCell(version)
                ) : (
                  <span className="flex flex-wrap gap-1">
                    {version.aliases.map((alias) => (
                      <Chip key={alias} tone={alias === 'latest' ? 'success' : 'accent'}>
                        {alias}
                      </Chip>
                    ))}
                  </span>
                )}
              </td>
              <td className={`${td} font-mono text-xs text-slate-500 dark:text-slate-400`} title={version.digest}>
                {version.digest.slice(0, 12)}
              </td>
              <td className={`${td} text-right tabular-nums`}>{formatCount(version.fileCount)}</td>
              <td className={`${td} text-right tabular-nums`}>{formatBytes(version.size)}</td>
              <td className={`${td} whitespace-nowrap text-slate-600 dark:text-slate-400`}>
                {formatDateTime(version.createdAt)}
              </td>
              {showsExpiry && <td className={`${td} whitespace-nowrap text-slate-600 dark:text-slate-400`}>{expiryCell(version)}</td>}
              {slots.rowActions && <td className={`${td} text-right`}>{slots.rowActions(version)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  );
}

function expiryCell(version: ArtifactVersion): string {
  const at = expiresAt(version);
  if (at === null || version.ttlSeconds === null) return '—';
  return `${formatDateTime(at)} (TTL ${formatCount(ttlSecondsToDays(version.ttlSeconds))} d)`;
}

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { formatBytes, formatCount } from '../../../domain/format';
import type { ArtifactId, VersionId } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Chip } from '../../../ui/chip';
import { cn } from '../../../ui/cn';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { Link } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { formatDateTime } from '../../../lib/format-time';
import { compareScalars, flattenMetadata, formatScalar, metadataColumns } from '../metadata-columns';
import type { MetadataScalar } from '../metadata-columns';

type VersionListTabProps = { artifactId: ArtifactId; versionId: VersionId };

type SortKey = { column: string; descending: boolean };

const FIXED: Record<string, string> = { '#version': 'Version', '#created': 'Created', '#size': 'Size', '#files': 'Files' };

/** Every version of the artifact with its metadata as columns (e.g. metrics), sortable. */
export function VersionListTab({ artifactId, versionId }: VersionListTabProps) {
  const store = useStore();
  const query = useQuery(versionQueries.list(store, artifactId));
  const [sort, setSort] = useState<SortKey>({ column: '#version', descending: true });

  const table = useMemo(() => {
    const versions = query.data ?? [];
    const rows = versions.map((version) => {
      const values = flattenMetadata(version.metadata);
      values.set('#version', version.index);
      values.set('#created', version.createdAt);
      values.set('#size', version.size);
      values.set('#files', version.fileCount);
      return { version, values };
    });
    const columns = metadataColumns(rows.map((r) => new Map([...r.values].filter(([k]) => !k.startsWith('#')))));
    const sorted = [...rows].sort((a, b) => {
      const order = compareScalars(a.values.get(sort.column), b.values.get(sort.column));
      return sort.descending ? -order : order;
    });
    return { columns, rows: sorted };
  }, [query.data, sort]);

  if (query.isPending) return <LoadingState label="Loading versions…" />;
  if (query.isError) return <ErrorState title="Could not load the versions" error={query.error} onRetry={() => void query.refetch()} />;

  const header = (column: string, label: string, numeric: boolean) => {
    const active = sort.column === column;
    return (
      <th key={column} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'} className={cn('px-3 py-2 text-xs font-medium text-slate-500 dark:text-slate-400', numeric ? 'text-right' : 'text-left')}>
        <button
          type="button"
          onClick={() => setSort({ column, descending: active ? !sort.descending : true })}
          className="inline-flex items-center gap-1 hover:text-slate-900 dark:hover:text-slate-100"
        >
          {label}
          <span aria-hidden className={active ? '' : 'invisible'}>{sort.descending ? '↓' : '↑'}</span>
        </button>
      </th>
    );
  };

  const cell = (key: string, value: MetadataScalar | undefined) => (
    <td key={key} className={cn('px-3 py-1.5 tabular-nums', typeof value === 'number' ? 'text-right' : 'text-left')}>{formatScalar(value)}</td>
  );

  return (
    <div className="overflow-x-auto p-6">
      <table aria-label="All versions" className="w-full text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60">
          <tr>
            {header('#version', FIXED['#version'] ?? '', false)}
            <th className="px-3 py-2 text-left text-xs font-medium text-slate-500 dark:text-slate-400">Aliases</th>
            {header('#created', FIXED['#created'] ?? '', false)}
            {header('#size', FIXED['#size'] ?? '', true)}
            {header('#files', FIXED['#files'] ?? '', true)}
            {table.columns.map((column) => header(column, column, true))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {table.rows.map(({ version, values }) => (
            <tr key={version.id} aria-current={version.id === versionId ? 'true' : undefined} className={cn(version.id === versionId && 'bg-indigo-50/60 dark:bg-indigo-950/30')}>
              <td className="px-3 py-1.5">
                <Link to={hrefs.version(version.project, version.artifactName, `v${version.index}`)} className="font-mono font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  v{version.index}
                </Link>
              </td>
              <td className="px-3 py-1.5">
                <span className="flex flex-wrap gap-1">
                  {version.aliases.map((alias) => (
                    <Chip key={alias} tone={alias === 'latest' ? 'success' : 'accent'}>
                      {alias}
                    </Chip>
                  ))}
                </span>
              </td>
              <td className="px-3 py-1.5 whitespace-nowrap">{formatDateTime(version.createdAt)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatBytes(version.size)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatCount(version.fileCount)}</td>
              {table.columns.map((column) => cell(column, values.get(column)))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

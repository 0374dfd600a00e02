import { useQuery } from '@tanstack/react-query';
import { formatBytes } from '../../../domain/format';
import type { ArtifactId } from '../../../domain/types';
import { storageQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { ErrorState } from '../../../ui/error-state';
import { Spinner } from '../../../ui/spinner';

type ArtifactStorageProps = { project: string; artifactId: ArtifactId };

/** Logical vs stored bytes of one artifact, and what deleting each version would free. */
export function ArtifactStorage({ project, artifactId }: ArtifactStorageProps) {
  const store = useStore();
  const usage = useQuery(storageQueries.usage(store, project));

  if (usage.isPending) return <Spinner className="m-6 size-4" label="Measuring storage" />;
  if (usage.isError) return <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />;
  const mine = usage.data.artifacts.find((a) => a.artifactId === artifactId);
  if (!mine) return null;

  return (
    <section aria-label="Storage" className="px-6 py-4">
      <h2 className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">Storage</h2>
      <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">
        <span className="tabular-nums">{formatBytes(mine.logicalBytes)}</span> logical (sum of version sizes) ·{' '}
        <span className="tabular-nums">{formatBytes(mine.storedBytes)}</span> stored (unique files in this browser)
      </p>
      <StorageRows rows={mine.versions} />
    </section>
  );
}

type StorageRowsProps = { rows: readonly { versionId: string; index: number; logicalBytes: number; freedBytes: number }[] };

export function StorageRows({ rows }: StorageRowsProps) {
  return (
    <table className="text-sm">
      <thead>
        <tr className="text-left text-xs text-slate-500 dark:text-slate-400">
          <th className="pr-6 font-medium">Version</th>
          <th className="pr-6 text-right font-medium">Size</th>
          <th className="text-right font-medium">Deleting it frees</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((v) => (
          <tr key={v.versionId}>
            <td className="pr-6 font-mono">v{v.index}</td>
            <td className="pr-6 text-right tabular-nums">{formatBytes(v.logicalBytes)}</td>
            <td className="text-right tabular-nums">{formatBytes(v.freedBytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useQuery } from '@tanstack/react-query';
import { stringifyExactJson } from '../../../domain/exact-json';
import type { VersionId } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { CopyButton } from '../../../ui/copy-button';
import { ErrorState } from '../../../ui/error-state';
import { LoadingState } from '../../../ui/spinner';
import { JsonTree } from './json-tree';

type MetadataTabProps = { versionId: VersionId };

export function MetadataTab({ versionId }: MetadataTabProps) {
  const store = useStore();
  const query = useQuery(versionQueries.detail(store, versionId));

  if (query.isPending) return <LoadingState label="Loading metadata…" />;
  if (query.isError) return <ErrorState title="Could not load this version's metadata" error={query.error} onRetry={() => void query.refetch()} />;

  const { metadata } = query.data;
  const keys = Object.keys(metadata).length;
  return (
    <section aria-label="Metadata" className="p-6">
      <header className="mb-2 flex items-center gap-2">
        <h2 className="text-sm font-semibold">Metadata</h2>
        <span className="text-xs text-slate-500 dark:text-slate-400">{keys} keys</span>
        {keys > 0 && <CopyButton value={stringifyExactJson(metadata, 2)} label="metadata JSON" />}
      </header>
      {keys === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">This version has no metadata. Add some with Edit metadata on the Overview tab.</p>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900/40">
          <JsonTree value={metadata} />
        </div>
      )}
    </section>
  );
}

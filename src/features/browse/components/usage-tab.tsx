import { useQuery } from '@tanstack/react-query';
import type { VersionId } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { CopyButton } from '../../../ui/copy-button';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { LoadingState } from '../../../ui/spinner';
import { usageSnippet } from '../metadata-columns';
import { UsedBy } from './used-by';

type UsageTabProps = { versionId: VersionId };

const block = 'overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed dark:border-slate-800 dark:bg-slate-900';

/** Who used this version (runs) and how to use it: the wandb Python snippet and this app's link to it. */
export function UsageTab({ versionId }: UsageTabProps) {
  const store = useStore();
  const query = useQuery(versionQueries.detail(store, versionId));

  if (query.isPending) return <LoadingState label="Loading version…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const v = query.data;
  const snippet = usageSnippet({ project: v.project, artifactName: v.artifactName, index: v.index, type: v.type });
  const link = `${window.location.origin}${hrefs.version(v.project, v.artifactName, `v${v.index}`)}`;
  return (
    <div className="flex max-w-3xl flex-col gap-6 p-6">
      <section aria-label="Used by">
        <h2 className="mb-2 text-sm font-semibold">Used by</h2>
        <UsedBy version={v} />
      </section>
      <section aria-label="Python">
        <header className="mb-2 flex items-center gap-2">
          <h2 className="text-sm font-semibold">Use it in Python (wandb)</h2>
          <CopyButton value={snippet} label="Python snippet" />
        </header>
        <pre aria-label="Python snippet" className={block}>
          {snippet}
        </pre>
      </section>
      <section aria-label="Link">
        <header className="mb-2 flex items-center gap-2">
          <h2 className="text-sm font-semibold">Link to this version</h2>
          <CopyButton value={link} label="link" />
        </header>
        <p aria-label="Deep link" className={block}>
          {link}
        </p>
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          Uses <code>v{v.index}</code>, not an alias, so it keeps pointing at these exact files.
        </p>
      </section>
    </div>
  );
}

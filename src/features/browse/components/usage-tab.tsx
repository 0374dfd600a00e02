import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { VersionId } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { CopyButton } from '../../../ui/copy-button';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { LoadingState } from '../../../ui/spinner';
import { UsedBy } from './used-by';
import { cliGetSnippet, sdkSnippet, wandbPutSnippet } from '../usage-snippets';

type UsageTabProps = {
  versionId: VersionId;
  /** Opens the S3 connection (composed in src/app): shown where code cannot reach the active store. */
  connectAction?: ReactNode;
};

const block = 'overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed dark:border-slate-800 dark:bg-slate-900';
const note = 'mt-1 text-xs text-slate-500 dark:text-slate-400';

/**
 * Who used this version (runs) and how to use it: from code against the store the app is connected to (the
 * CLI's `get`, the TypeScript SDK), with W&B's own command where it helps, and the app's link.
 */
export function UsageTab({ versionId, connectAction }: UsageTabProps) {
  const store = useStore();
  const query = useQuery(versionQueries.detail(store, versionId));

  if (query.isPending) return <LoadingState label="Loading version…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const v = query.data;
  const location = store.location;
  const link = `${window.location.origin}${hrefs.version(v.project, v.artifactName, `v${v.index}`)}`;
  return (
    <div className="flex max-w-3xl flex-col gap-6 p-6">
      <section aria-label="Used by">
        <h2 className="mb-2 text-sm font-semibold">Used by</h2>
        <UsedBy version={v} />
      </section>
      {location?.kind === 's3' ? (
        <>
          <Snippet title="Download it (CLI)" label="CLI command" value={cliGetSnippet(v, location)}>
            Every file is checked against its digest. Needs the <code>artifact-studio</code> CLI (see the README) and keys that can read this
            bucket.
          </Snippet>
          <Snippet title="Use it in a run (TypeScript SDK)" label="SDK snippet" value={sdkSnippet(v, location)}>
            Records a run that used <code>v{v.index}</code>, so it shows in the lineage. Same environment variables as the CLI.
          </Snippet>
          <Snippet title="Log the same files to W&B" label="W&B command" value={wandbPutSnippet(v)}>
            Only if you also use Weights &amp; Biases: this talks to W&amp;B&apos;s servers (it needs <code>wandb login</code>), not to this
            store. Run it on the folder downloaded above: W&amp;B computes the same digest, <code>{v.digest}</code>.
          </Snippet>
        </>
      ) : (
        <section aria-label="Use from code" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm dark:border-amber-900 dark:bg-amber-950/40">
          <h2 className="mb-1 font-semibold">Code needs a shared store</h2>
          <p>
            {location?.kind === 'browser'
              ? `This version is stored in this browser only (${store.label}), where no script, CLI or training job can reach it.`
              : `Code cannot be pointed at this store (${store.label}) from here.`}{' '}
            Connect an S3-compatible bucket and sync this artifact there: this tab then shows the <code>artifact-studio get</code> command
            and the TypeScript SDK lines for it.
          </p>
          {connectAction && <div className="mt-3">{connectAction}</div>}
        </section>
      )}
      <section aria-label="Link">
        <header className="mb-2 flex items-center gap-2">
          <h2 className="text-sm font-semibold">Link to this version</h2>
          <CopyButton value={link} label="link" />
        </header>
        <p aria-label="Deep link" className={block}>
          {link}
        </p>
        <p className={note}>
          Uses <code>v{v.index}</code>, not an alias, so it keeps pointing at these exact files.
        </p>
      </section>
    </div>
  );
}

type SnippetProps = { title: string; label: string; value: string; children: ReactNode };

function Snippet({ title, label, value, children }: SnippetProps) {
  return (
    <section aria-label={title}>
      <header className="mb-2 flex items-center gap-2">
        <h2 className="text-sm font-semibold">{title}</h2>
        <CopyButton value={value} label={label} />
      </header>
      <pre aria-label={label} className={block}>
        {value}
      </pre>
      <p className={note}>{children}</p>
    </section>
  );
}

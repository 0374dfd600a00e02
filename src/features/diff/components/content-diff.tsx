import { useQuery } from '@tanstack/react-query';
import { formatBytes } from '../../../domain/format';
import { useStore } from '../../../store/store-context';
import { ErrorState } from '../../../ui/error-state';
import { LoadingState } from '../../../ui/spinner';
import type { DiffResult } from '../../../workers/diff-protocol';
import { contentKindOf } from '../file-rows';
import type { FileRow } from '../file-rows';
import { diffQueries } from '../queries';
import type { ContentDiffKind } from '../queries';
import { CsvDiffView } from './csv-diff-view';
import { ImageDiffView } from './image-diff-view';
import { JsonChanges } from './json-changes';
import { StatusBadge } from './status-badge';
import { TextDiffView } from './text-diff-view';

function WorkerDiff({ kind, before, after }: { kind: ContentDiffKind; before: string | null; after: string | null }) {
  const store = useStore();
  const query = useQuery(diffQueries.content(store, kind, before, after));
  if (query.isPending) return <LoadingState label="Comparing contents…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <DiffResultView result={query.data} before={before} after={after} />;
}

function DiffResultView({ result, before, after }: { result: DiffResult; before: string | null; after: string | null }) {
  if (result.kind === 'text') return <TextDiffView result={result} />;
  if (result.kind === 'csv') return <CsvDiffView result={result} />;
  if (result.ok) return <JsonChanges diff={result.diff} label="JSON changes" emptyText="The JSON values are equal (only formatting differs)." />;
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-500 dark:text-slate-400">Not compared as JSON ({result.message}): showing a line diff.</p>
      <WorkerDiff kind="text" before={before} after={after} />
    </div>
  );
}

/** The content diff of one file, with the viewer its type calls for. */
export function ContentDiff({ row }: { row: FileRow }) {
  const before = row.before?.ref === undefined ? (row.before?.digest ?? null) : null;
  const after = row.after?.ref === undefined ? (row.after?.digest ?? null) : null;
  const kind = contentKindOf(row.path);
  const isReference = row.before?.ref !== undefined || row.after?.ref !== undefined;

  let body;
  if (isReference && row.before?.ref !== row.after?.ref) {
    body = (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Reference: <code>{row.before?.ref ?? '—'}</code> → <code>{row.after?.ref ?? '—'}</code>. Its bytes live outside the store.
      </p>
    );
  } else if (isReference) {
    body = <p className="text-sm text-slate-600 dark:text-slate-400">Reference entry: its bytes live outside the store, only the digest is compared.</p>;
  } else if (row.status === 'renamed' || row.status === 'unchanged') {
    body = <p className="text-sm text-slate-600 dark:text-slate-400">Same content (digest {row.after?.digest}).</p>;
  } else if (kind === 'image') {
    body = <ImageDiffView before={before} after={after} />;
  } else {
    // An added or removed JSON file has no other side to compare values with: its lines are the change.
    const oneSided = before === null || after === null;
    body = <WorkerDiff kind={kind === 'json' && oneSided ? 'text' : kind} before={before} after={after} />;
  }

  return (
    <section aria-label={`Changes in ${row.path}`} className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <h3 className="flex flex-wrap items-center gap-2 text-sm font-semibold">
        <StatusBadge status={row.status} />
        <span className="font-mono">{row.fromPath ? `${row.fromPath} → ${row.path}` : row.path}</span>
        <span className="text-xs font-normal text-slate-500 tabular-nums dark:text-slate-400">
          {row.before ? formatBytes(row.before.size ?? 0) : '—'} → {row.after ? formatBytes(row.after.size ?? 0) : '—'}
        </span>
      </h3>
      {body}
    </section>
  );
}

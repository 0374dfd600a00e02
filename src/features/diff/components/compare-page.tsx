import { useMemo } from 'react';
import type { ManifestDiff } from '../../../domain/diff';
import type { ManifestEntry, VersionId } from '../../../domain/types';
import { Button } from '../../../ui/button';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { Link, navigate, useSearchParam, withSearchParam } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { buildFileRows } from '../file-rows';
import type { FileRow } from '../file-rows';
import { useComparison } from '../hooks/use-comparison';
import { CompareSummary } from './compare-summary';
import { ContentDiff } from './content-diff';
import { ExportMarkdownButton } from './export-markdown-button';
import { FileList } from './file-list';
import { JsonChanges } from './json-changes';
import { VersionPicker } from './version-picker';

type ComparePageProps = { project: string };

function findRow(diff: ManifestDiff, next: readonly ManifestEntry[], path: string | null): FileRow | null {
  if (path === null) return null;
  const changed = buildFileRows(diff).find((row) => row.path === path);
  if (changed) return changed;
  const entry = next.find((e) => e.path === path);
  return entry ? { status: 'unchanged', path, fromPath: null, before: entry, after: entry, sizeDelta: 0 } : null;
}

/** `/p/:project/compare?a=&b=&file=`: everything in the URL, so a comparison can be shared and reopened. */
export function ComparePage({ project }: ComparePageProps) {
  const a = useSearchParam('a');
  const b = useSearchParam('b');
  const go = (nextA: string | null, nextB: string | null) => navigate(hrefs.compare(project, nextA ?? '', nextB ?? ''));

  return (
    <div>
      <header className="border-b border-slate-200 px-6 py-4 dark:border-slate-800">
        <nav aria-label="Breadcrumb" className="mb-1 text-xs text-slate-500 dark:text-slate-400">
          <Link to={hrefs.project(project)} className="hover:underline">
            {project}
          </Link>
        </nav>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-50">Compare versions</h1>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <VersionPicker project={project} label="Version A" value={a} onChange={(id) => go(id, b)} />
          <Button size="sm" variant="ghost" aria-label="Swap sides" disabled={!a || !b} onClick={() => go(b, a)}>
            ⇄ Swap
          </Button>
          <VersionPicker project={project} label="Version B" value={b} onChange={(id) => go(a, id)} />
        </div>
      </header>
      {a && b ? (
        <Comparison project={project} a={a as VersionId} b={b as VersionId} />
      ) : (
        <EmptyState title="Pick two versions" description="Choose version A and version B above, of one artifact or of two." />
      )}
    </div>
  );
}

function Comparison({ project, a, b }: { project: string; a: VersionId; b: VersionId }) {
  const { ready, error, retry } = useComparison(a, b);
  const file = useSearchParam('file');
  const selected = useMemo(() => (ready ? findRow(ready.diff, ready.manifestB, file) : null), [ready, file]);

  if (error) return <ErrorState error={error} onRetry={retry} />;
  if (!ready) return <LoadingState label="Comparing…" />;
  const { diff, metadata } = ready;
  const select = (row: FileRow) => navigate(withSearchParam(hrefs.compare(project, a, b), 'file', row.path), { replace: true });

  return (
    <div className="space-y-6 px-6 py-4">
      <div className="flex justify-end">
        <ExportMarkdownButton a={ready.a} b={ready.b} diff={diff} metadata={metadata} />
      </div>
      <CompareSummary a={ready.a} b={ready.b} diff={diff} />
      <section aria-label="Metadata" className="space-y-2">
        <h2 className="text-sm font-semibold">Metadata</h2>
        <JsonChanges diff={metadata} label="Metadata changes" emptyText="The metadata is the same." />
      </section>
      <div className="space-y-3">
        <h2 className="text-sm font-semibold">Files</h2>
        <FileList diff={diff} next={ready.manifestB} selected={selected?.path ?? null} onSelect={select} />
        {selected ? (
          <ContentDiff key={`${selected.path}:${selected.before?.digest}:${selected.after?.digest}`} row={selected} />
        ) : (
          file && <p className="text-sm text-amber-700">No file “{file}” in either version.</p>
        )}
      </div>
    </div>
  );
}

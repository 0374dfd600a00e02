import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { formatBytes, formatCount } from '../../../domain/format';
import type { VersionId } from '../../../domain/types';
import { manifestQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { useLocation, withSearchParam } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import { ancestorFolders, buildFileTree, filterEntries, flatRows, flattenTree } from '../file-tree';
import type { TreeRow } from '../file-tree';
import { FileActions } from './file-actions';
import { FileList } from './file-list';
import { FilePreview } from './file-preview';

type FilesTabProps = { versionId: VersionId };

/** Rows shown before the whole manifest is read: one page, so a 100k-file version opens at once. */
const FIRST_PAGE = 200;
/**
 * Entries per read of the whole manifest: small enough that each read is a short task, so the
 * page stays responsive (bench row "same: whole manifest read and the folder tree shown").
 */
const MANIFEST_STEP = 10_000;

export function FilesTab({ versionId }: FilesTabProps) {
  const store = useStore();
  const location = useLocation();
  const selectedPath = location.searchParams.get('path');
  const firstPage = useQuery(manifestQueries.page(store, versionId, 0, FIRST_PAGE));
  // The whole manifest (tree, filter, zip, verify), read in steps once the first rows are shown.
  const all = useQuery({ ...manifestQueries.entriesInSteps(store, versionId, MANIFEST_STEP), enabled: firstPage.isSuccess });
  const [filter, setFilter] = useState('');
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());

  const tree = useMemo(() => (all.data ? buildFileTree(all.data) : null), [all.data]);
  const selectedAncestors = useMemo(() => new Set(selectedPath ? ancestorFolders(selectedPath) : []), [selectedPath]);
  const isExpanded = (folder: string) => !closed.has(folder) && (opened.has(folder) || selectedAncestors.has(folder));
  const rows = useMemo<TreeRow[]>(() => {
    if (!all.data || !tree) {
      const page = firstPage.data;
      return page ? flatRows(page.entries.map((_, index) => index), page.total) : [];
    }
    if (filter.trim()) return flatRows(filterEntries(all.data, filter));
    const expanded = new Set([...opened, ...selectedAncestors].filter((p) => !closed.has(p)));
    return flattenTree(tree, expanded);
  }, [all.data, tree, firstPage.data, filter, opened, closed, selectedAncestors]);

  const entries = all.data ?? firstPage.data?.entries ?? [];
  const selected = selectedPath === null ? undefined : entries.find((e) => e.path === selectedPath);
  const total = firstPage.data?.total ?? all.data?.length ?? 0;
  const fileHref = (path: string) => withSearchParam(location.href, 'path', path);

  const toggle = (folder: string) => {
    const open = isExpanded(folder);
    setOpened((prev) => toggled(prev, folder, !open));
    setClosed((prev) => toggled(prev, folder, open));
  };

  if (firstPage.isError) {
    return <ErrorState title="Could not read this version's files" error={firstPage.error} hint="Try again; if it keeps failing, reload the page." onRetry={() => void firstPage.refetch()} />;
  }
  if (firstPage.isPending) return <LoadingState label="Loading files…" />;

  return (
    <div className="flex flex-col gap-3 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder="Filter files by path"
          aria-label="Filter files"
          disabled={!all.data}
          className="h-8 w-64 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <span className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
          {formatCount(total)} files{tree ? ` · ${formatBytes(tree.size)}` : ''}
          {!all.data && !all.isError && ` · showing the first ${formatCount(Math.min(total, FIRST_PAGE))} while the rest loads…`}
          {filter.trim() && all.data && ` · ${formatCount(rows.length)} match`}
        </span>
        <div className="ml-auto">
          <FileActions versionId={versionId} entries={all.data ?? null} />
        </div>
      </div>
      {all.isError && (
        <ErrorState
          title="Could not read the whole file list"
          error={all.error}
          hint="Only the first files are shown; the filter, zip download and verify need them all. Try again."
          onRetry={() => void all.refetch()}
        />
      )}
      <div className="grid gap-3 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        {total === 0 ? (
          <EmptyState
            title="This version has no files"
            description="It records only references or metadata. To add files, log a new version: drop a folder on the artifact page, or use Import manifest… above."
          />
        ) : filter.trim() && rows.length === 0 ? (
          <EmptyState
            title="No file matches"
            description={`No path contains "${filter.trim()}". Try part of a file or folder name, or clear the filter.`}
            actions={<Button size="sm" onClick={() => setFilter('')}>Clear the filter</Button>}
          />
        ) : (
          <FileList
            rows={rows}
            entries={entries}
            selectedPath={selectedPath}
            fileHref={fileHref}
            isExpanded={isExpanded}
            onToggle={toggle}
            flat={!tree || filter.trim() !== ''}
          />
        )}
        {selected ? (
          <FilePreview key={selected.path} entry={selected} />
        ) : selectedPath !== null && all.data ? (
          <ErrorState
            title="No such file"
            error={{ message: `This version has no file "${selectedPath}".` }}
            hint="The link may point at another version. Pick a file from the list, or filter by its name."
          />
        ) : (
          <p className="hidden p-4 text-sm text-slate-500 lg:block dark:text-slate-400">Select a file to preview it.</p>
        )}
      </div>
    </div>
  );
}

function toggled(set: ReadonlySet<string>, key: string, present: boolean): ReadonlySet<string> {
  if (set.has(key) === present) return set;
  const next = new Set(set);
  if (present) next.add(key);
  else next.delete(key);
  return next;
}

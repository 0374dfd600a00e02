import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { toAppError } from '../../../domain/errors';
import { parseExactJson, stringifyExactJson } from '../../../domain/exact-json';
import type { AppError } from '../../../domain/errors';
import { formatBytes } from '../../../domain/format';
import type { ManifestEntry } from '../../../domain/types';
import { damagedCopyError, readVerifiedBlob } from '../../../store/blob-bytes';
import { blobQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { CopyButton } from '../../../ui/copy-button';
import { ErrorState } from '../../../ui/error-state';
import { MarkdownView } from '../../../ui/markdown-view';
import { PanelBoundary } from '../../../ui/panel-boundary';
import { LoadingState } from '../../../ui/spinner';
import { useToast } from '../../../ui/toast';
import { parseDelimited } from '../delimited';
import { saveBlob } from '../../../ui/save-blob';
import { looksLikeText, previewKindOf } from '../file-kind';
import type { PreviewKind } from '../file-kind';
import { revealHidden } from '../../../ui/hidden-chars';
import { VisibleName } from '../../../ui/visible-name';
import { ImagePreview } from './image-preview';

/** Text previews read at most this much of a file. */
export const PREVIEW_BYTES = 512 * 1024;
const CSV_ROWS = 100;
const READ_HINT = 'Try again; if it keeps failing, press Verify to check the stored files of this version.';

/** A damaged copy is named by its path (the cached read knows only its digest) and says what to do; other failures get the generic hint. */
function readFailure(entry: ManifestEntry, error: AppError): { error: AppError; hint: string | undefined } {
  return error.code === 'digest-mismatch' ? { error: damagedCopyError(entry.digest, entry.path), hint: undefined } : { error, hint: READ_HINT };
}

type FilePreviewProps = { entry: ManifestEntry };

export function FilePreview({ entry }: FilePreviewProps) {
  const store = useStore();
  const toast = useToast();
  const [downloading, setDownloading] = useState(false);
  const kind = previewKindOf(entry.path);
  const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);

  const download = async () => {
    setDownloading(true);
    try {
      saveBlob(await readVerifiedBlob(store, entry.digest, entry.path), name);
    } catch (error) {
      const { code, message } = toAppError(error);
      const hint = code === 'digest-mismatch' ? '' : ' Try again; Verify checks whether its stored bytes are intact.';
      toast.show({ tone: 'error', title: `Could not download ${name}`, message: `${message.replace(/[.\s]*$/, '.')}${hint}` });
    } finally {
      setDownloading(false);
    }
  };

  return (
    <section aria-label="File preview" className="flex max-h-[calc(100vh-15rem)] min-h-64 min-w-0 flex-col rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900/40">
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <h2 className="min-w-0 flex-1 truncate font-mono text-sm font-semibold" title={revealHidden(entry.path)}>
          <VisibleName name={entry.path} />
        </h2>
        <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">{entry.size === undefined ? 'size unknown' : formatBytes(entry.size)}</span>
        {entry.ref === undefined && (
          <Button size="sm" onClick={download} loading={downloading}>
            Download
          </Button>
        )}
      </header>
      <p className="flex items-center gap-1 border-b border-slate-100 px-3 py-1 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
        digest <span className="truncate font-mono" aria-label="File digest">{entry.digest}</span>
        <CopyButton value={entry.digest} label="file digest" />
      </p>
      <div className="min-h-0 flex-1 overflow-auto p-3">
        <PanelBoundary what="this file's preview" resetKeys={[entry.digest, entry.path]}>
          {entry.ref !== undefined ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              A reference: the bytes live at <span className="font-mono break-all">{entry.ref}</span> and are not stored here.
            </p>
          ) : kind === 'image' ? (
            <ImagePreview entry={entry} />
          ) : (
            <TextualPreview entry={entry} kind={kind} />
          )}
        </PanelBoundary>
      </div>
    </section>
  );
}

function TextualPreview({ entry, kind }: { entry: ManifestEntry; kind: PreviewKind }) {
  const store = useStore();
  const query = useQuery(blobQueries.head(store, entry.digest, PREVIEW_BYTES));
  if (query.isPending) return <LoadingState label="Loading preview…" />;
  if (query.isError) return <ErrorState title="Could not read this file" {...readFailure(entry, query.error)} onRetry={() => void query.refetch()} />;

  const { bytes, size } = query.data;
  const complete = bytes.length >= size;
  if (kind === 'binary' && !looksLikeText(bytes)) {
    return <p className="text-sm text-slate-500">Binary file ({formatBytes(size)}): no preview. Use Download to get it.</p>;
  }
  const text = new TextDecoder().decode(bytes);
  const cut = !complete && <p className="mb-2 text-xs text-amber-700 dark:text-amber-400">Showing the first {formatBytes(bytes.length)} of {formatBytes(size)}.</p>;

  if (kind === 'csv' || kind === 'tsv') return <DelimitedPreview text={text} delimiter={kind === 'csv' ? ',' : '\t'} complete={complete} size={size} />;
  if (kind === 'markdown') {
    return (
      <>
        {cut}
        <MarkdownView source={text} aria-label="Rendered Markdown" />
      </>
    );
  }
  if (kind === 'json' && complete) {
    const json = prettyJson(text);
    if (json.ok) return <pre aria-label="JSON" className="font-mono text-xs leading-relaxed whitespace-pre">{json.pretty}</pre>;
    return (
      <>
        <p className="mb-2 text-xs text-red-600">{json.message}; shown as text.</p>
        <pre className="font-mono text-xs whitespace-pre-wrap">{text}</pre>
      </>
    );
  }
  return (
    <>
      {cut}
      <pre aria-label="Text" className="font-mono text-xs leading-relaxed whitespace-pre-wrap">{text}</pre>
    </>
  );
}

/** Columns a table preview shows; a row of 100,000 cells would freeze the page. */
const CSV_COLUMNS = 100;
/** Characters a table cell shows (a one-line file can be one cell of megabytes). */
const CSV_CELL_CHARS = 1000;
const clip = (cell: string) => (cell.length > CSV_CELL_CHARS ? `${cell.slice(0, CSV_CELL_CHARS)}…` : cell);
/** Characters of unparsed text shown after a table preview stops. */
const CSV_REST_CHARS = 64 * 1024;

type DelimitedPreviewProps = { text: string; delimiter: ',' | '\t'; complete: boolean; size: number };

function DelimitedPreview({ text, delimiter, complete, size }: DelimitedPreviewProps) {
  const { rows, truncated, problem } = parseDelimited(text, delimiter, CSV_ROWS + 1, complete);
  const [header, ...body] = rows;
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const notes: string[] = [];
  if (problem?.kind === 'first-row-cut') {
    notes.push(`The first row does not end within the first ${formatBytes(PREVIEW_BYTES)} of this ${formatBytes(size)} file that a preview reads: showing the start of it.`);
  }
  if (problem?.kind === 'unclosed-quote') {
    notes.push(
      `Row ${problem.row + 1} opens a quoted field (at character ${problem.offset + 1}) that never closes, so it and everything after it cannot be read as rows: shown as text below.`,
    );
  }
  if (columns > CSV_COLUMNS) notes.push(`Showing the first ${CSV_COLUMNS} of ${columns}${problem?.kind === 'first-row-cut' ? '+' : ''} columns.`);
  const rest = problem?.kind === 'unclosed-quote' ? text.slice(problem.offset) : null;
  if (!header && rest === null) return <p className="text-sm text-slate-500 dark:text-slate-400">Empty file: nothing to preview.</p>;
  return (
    <>
      {notes.map((note) => (
        <p key={note} role="note" className="mb-2 text-xs text-amber-700 dark:text-amber-400">
          {note}
        </p>
      ))}
      {header && (
        <table aria-label="Table preview" className="border-collapse text-xs">
          <thead>
            <tr>
              {header.slice(0, CSV_COLUMNS).map((cell, k) => (
                <th key={k} className="sticky top-0 border border-slate-200 bg-slate-50 px-2 py-1 text-left font-semibold dark:border-slate-700 dark:bg-slate-800">
                  {clip(cell)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((row, r) => (
              <tr key={r}>
                {row.slice(0, CSV_COLUMNS).map((cell, k) => (
                  <td key={k} className="border border-slate-200 px-2 py-0.5 whitespace-nowrap tabular-nums dark:border-slate-700">
                    {clip(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {header && (
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          {truncated ? `First ${body.length} rows.` : `${body.length} rows.`}
        </p>
      )}
      {rest !== null && (
        <pre aria-label="Unread text" className="mt-2 font-mono text-xs whitespace-pre-wrap">
          {rest.slice(0, CSV_REST_CHARS)}
          {rest.length > CSV_REST_CHARS && `\n… ${formatBytes(rest.length - CSV_REST_CHARS)} more`}
        </pre>
      )}
    </>
  );
}

/** Indented JSON with numbers exactly as written; JSON nested deeper than MAX_JSON_DEPTH is shown as text. */
function prettyJson(text: string): { ok: true; pretty: string } | { ok: false; message: string } {
  try {
    return { ok: true, pretty: stringifyExactJson(parseExactJson(text, 'the file', 'invalid-json'), 2) };
  } catch (error) {
    return { ok: false, message: toAppError(error).message };
  }
}

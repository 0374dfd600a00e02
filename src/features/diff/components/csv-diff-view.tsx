import { formatBytes, formatCount } from '../../../domain/format';
import { cn } from '../../../ui/cn';
import type { CsvDiffResult } from '../../../workers/diff-protocol';

/** Rows rendered at most; the counts above always cover the whole table. */
const MAX_ROWS = 1000;

const th = 'sticky top-0 bg-slate-50 px-2 py-1 text-left text-xs font-medium text-slate-500 dark:bg-slate-900 dark:text-slate-400';
const td = 'px-2 py-1 font-mono text-xs whitespace-nowrap';
const rowTone = {
  added: 'bg-emerald-50/70 dark:bg-emerald-950/30',
  removed: 'bg-red-50/70 dark:bg-red-950/30 line-through decoration-red-400/60',
  modified: '',
} as const;

/** Changed rows of a CSV/TSV diff: added and removed rows tinted, changed cells highlighted with old → new. */
export function CsvDiffView({ result }: { result: CsvDiffResult }) {
  const { diff, capped } = result;
  const { counts } = diff;
  return (
    <div className="space-y-2">
      <p className="flex flex-wrap gap-x-3 text-xs text-slate-600 dark:text-slate-400">
        <span>
          Rows: <b className="text-emerald-700 dark:text-emerald-400">{formatCount(counts.added)} added</b>,{' '}
          <b className="text-red-700 dark:text-red-400">{formatCount(counts.removed)} removed</b>,{' '}
          <b className="text-amber-700 dark:text-amber-400">{formatCount(counts.modified)} modified</b>, {formatCount(counts.unchanged)} unchanged ·{' '}
          {formatCount(diff.changedCells)} changed cells
        </span>
        <span>{diff.key ? `Rows matched by column “${diff.key}”.` : 'Rows aligned by content (no unique id column).'}</span>
        {diff.columnsAdded.length > 0 && <span>Columns added: {diff.columnsAdded.join(', ')}.</span>}
        {diff.columnsRemoved.length > 0 && <span>Columns removed: {diff.columnsRemoved.join(', ')}.</span>}
      </p>
      {(capped || diff.truncated) && (
        <p role="note" className="text-xs text-amber-700 dark:text-amber-400">
          Capped: {capped ? `only the first ${formatBytes(capped.capBytes)} of each side` : `only the first ${formatCount(Math.max(diff.beforeRows, diff.afterRows))} rows`} were compared.
        </p>
      )}
      {diff.rows.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No row differs{diff.columnsAdded.length + diff.columnsRemoved.length > 0 ? ' in the shared columns' : ''}.</p>
      ) : (
        <div className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
          <table aria-label="Changed rows" className="text-sm">
            <thead>
              <tr>
                <th className={th}>A row</th>
                <th className={th}>B row</th>
                <th className={th}>Change</th>
                {diff.columns.map((column) => (
                  <th key={column.name} className={th}>
                    {column.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {diff.rows.slice(0, MAX_ROWS).map((row) => (
                <tr key={`${row.beforeRow ?? ''}-${row.afterRow ?? ''}`} className={rowTone[row.kind]}>
                  <td className={cn(td, 'text-slate-500 dark:text-slate-400')}>{row.beforeRow ?? ''}</td>
                  <td className={cn(td, 'text-slate-500 dark:text-slate-400')}>{row.afterRow ?? ''}</td>
                  <td className={cn(td, 'font-sans')}>{row.kind}</td>
                  {diff.columns.map((column, i) => {
                    const before = column.beforeIndex === null ? undefined : row.before?.[column.beforeIndex];
                    const after = column.afterIndex === null ? undefined : row.after?.[column.afterIndex];
                    if (row.changedColumns.includes(i)) {
                      return (
                        <td key={column.name} aria-label={`${column.name}: ${before ?? ''} → ${after ?? ''}`} data-changed="true" className={cn(td, 'bg-amber-100 dark:bg-amber-900/50')}>
                          <del className="text-red-700 dark:text-red-400">{before}</del> <ins className="font-semibold text-emerald-800 no-underline dark:text-emerald-300">{after}</ins>
                        </td>
                      );
                    }
                    return (
                      <td key={column.name} className={td}>
                        {after ?? before ?? ''}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {diff.rows.length > MAX_ROWS && (
            <p className="px-2 py-1 text-xs text-slate-500 dark:text-slate-400">First {MAX_ROWS} of {formatCount(diff.rows.length)} changed rows shown.</p>
          )}
        </div>
      )}
    </div>
  );
}

import { stringifyExactJson } from '../../../domain/exact-json';
import type { JsonDiff } from '../../../domain/json-diff';
import { formatJsonPath, relativeChange } from '../../../domain/json-diff';
import { changeTone } from '../../../domain/metric-direction';
import type { JsonValue } from '../../../domain/types';
import { cn } from '../../../ui/cn';

type JsonChangesProps = { diff: JsonDiff; label: string; emptyText?: string };

const show = (value: JsonValue) => stringifyExactJson(value);
const th = 'px-3 py-1.5 text-left text-xs font-medium text-slate-500 dark:text-slate-400';
const td = 'px-3 py-1.5 align-top font-mono text-xs break-all';

const toneClass = { better: 'text-emerald-700 dark:text-emerald-400', worse: 'text-red-700 dark:text-red-400', same: 'text-slate-500' };

/** A numeric change, green when the metric improved (a lower loss, a higher accuracy), red when it got worse. */
function Delta({ path, before, after, delta }: { path: string; before: JsonValue; after: JsonValue; delta: number | null }) {
  if (delta === null) return <span className="text-slate-500">changed</span>;
  const pct = relativeChange(before, after);
  const tone = changeTone(path, delta);
  return (
    <span data-tone={tone} className={cn('tabular-nums', toneClass[tone])}>
      {delta > 0 ? '+' : ''}
      {Number(delta.toPrecision(6))}
      {pct !== null && ` (${pct > 0 ? '+' : ''}${pct.toFixed(1)} %)`}
    </span>
  );
}

/** Added, removed and changed keys of a structural JSON diff, with numeric deltas. */
export function JsonChanges({ diff, label, emptyText = 'No differences.' }: JsonChangesProps) {
  if (diff.changes.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">{emptyText}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table aria-label={label} className="w-full text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60">
          <tr>
            <th className={th}>Key</th>
            <th className={th}>A</th>
            <th className={th}>B</th>
            <th className={th}>Δ</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {diff.changes.map((change) => {
            const path = formatJsonPath(change.path);
            return (
              <tr key={`${change.kind}:${path}`}>
                <td className={td}>{path}</td>
                <td className={cn(td, change.kind === 'added' ? 'text-slate-500 dark:text-slate-400' : 'bg-red-50/60 dark:bg-red-950/30')}>
                  {change.kind === 'added' ? '—' : show(change.before)}
                </td>
                <td className={cn(td, change.kind === 'removed' ? 'text-slate-500 dark:text-slate-400' : 'bg-emerald-50/60 dark:bg-emerald-950/30')}>
                  {change.kind === 'removed' ? '—' : show(change.after)}
                </td>
                <td className={td}>
                  {change.kind === 'changed' ? (
                    <Delta path={path} before={change.before} after={change.after} delta={change.delta} />
                  ) : (
                    <span className={change.kind === 'added' ? 'text-emerald-700' : 'text-red-700'}>{change.kind}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {diff.truncated && <p className="px-3 py-2 text-xs text-amber-700">Only the first {diff.changes.length} changes are listed.</p>}
    </div>
  );
}

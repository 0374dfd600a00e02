import { useQuery } from '@tanstack/react-query';
import { changeTone } from '../../../domain/metric-direction';
import { numericDeltas } from '../../../domain/aliases';
import { diffManifests } from '../../../domain/diff';
import { formatBytes } from '../../../domain/format';
import type { ArtifactVersion } from '../../../domain/types';
import { manifestQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { hrefs } from '../../../ui/hrefs';
import { Link } from '../../../ui/navigation';
import { Spinner } from '../../../ui/spinner';

function signed(n: number): string {
  const rounded = Math.abs(n) >= 1 ? Number(n.toFixed(3)) : Number(n.toPrecision(3));
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

type VersionComparisonProps = { before: ArtifactVersion; after: ArtifactVersion };

/** Files changed and metadata numbers that differ between two versions, with a link to the full diff. */
export function VersionComparison({ before, after }: VersionComparisonProps) {
  const store = useStore();
  const a = useQuery(manifestQueries.entries(store, before.id));
  const b = useQuery(manifestQueries.entries(store, after.id));
  const deltas = numericDeltas(before.metadata, after.metadata);
  const diff = a.data && b.data ? diffManifests(a.data, b.data) : null;

  return (
    <div aria-label="Comparison" className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700">
      <p className="mb-2 font-medium">
        v{before.index} → v{after.index}
      </p>
      {diff ? (
        <p className="text-slate-700 dark:text-slate-300">
          {diff.added.length} added, {diff.removed.length} removed, {diff.modified.length} modified, {diff.renamed.length} renamed
          {' · '}
          {diff.unchanged} unchanged ({formatBytes(before.size)} → {formatBytes(after.size)})
        </p>
      ) : a.isError || b.isError ? (
        <p className="text-red-600">Could not read the file lists: {(a.error ?? b.error)?.message}</p>
      ) : (
        <Spinner className="size-4" />
      )}
      {deltas.length > 0 && (
        <table className="mt-2 w-full text-xs">
          <thead>
            <tr className="text-slate-500 dark:text-slate-400">
              <th className="py-0.5 pr-2 text-left font-medium">Metadata</th>
              <th className="py-0.5 pr-2 text-right font-medium">v{before.index}</th>
              <th className="py-0.5 pr-2 text-right font-medium">v{after.index}</th>
              <th className="py-0.5 text-right font-medium">Change</th>
            </tr>
          </thead>
          <tbody>
            {deltas.slice(0, 8).map((d) => (
              <tr key={d.key}>
                <td className="py-0.5 pr-2 font-mono">{d.key}</td>
                <td className="py-0.5 pr-2 text-right tabular-nums">{d.before}</td>
                <td className="py-0.5 pr-2 text-right tabular-nums">{d.after}</td>
                <td data-tone={changeTone(d.key, d.delta)} className={`py-0.5 text-right tabular-nums ${changeTone(d.key, d.delta) === 'worse' ? 'text-red-700' : 'text-emerald-700'}`}>{signed(d.delta)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Link to={hrefs.compare(before.project, before.id, after.id)} className="mt-2 inline-block text-xs text-indigo-700 hover:underline dark:text-indigo-300">
        Open the full diff
      </Link>
    </div>
  );
}

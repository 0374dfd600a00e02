import { useQuery } from '@tanstack/react-query';
import type { ManifestDiff } from '../../../domain/diff';
import { formatBytes, formatCount } from '../../../domain/format';
import type { ArtifactVersion, RunId } from '../../../domain/types';
import { runQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Chip } from '../../../ui/chip';
import { CopyButton } from '../../../ui/copy-button';
import { hrefs } from '../../../ui/hrefs';
import { Link } from '../../../ui/navigation';

type CompareSummaryProps = { a: ArtifactVersion; b: ArtifactVersion; diff: ManifestDiff };

function RunName({ id }: { id: RunId | null }) {
  const store = useStore();
  const run = useQuery({ ...runQueries.detail(store, id ?? ('' as RunId)), enabled: id !== null });
  if (id === null) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  return <span>{run.data?.name ?? id}</span>;
}

function SetChange({ before, after }: { before: readonly string[]; after: readonly string[] }) {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  if (added.length === 0 && removed.length === 0) return <span className="text-slate-500 dark:text-slate-400">same</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {added.map((x) => (
        <Chip key={`+${x}`} tone="success">
          +{x}
        </Chip>
      ))}
      {removed.map((x) => (
        <Chip key={`-${x}`} tone="warning">
          −{x}
        </Chip>
      ))}
    </span>
  );
}

const th = 'px-3 py-1.5 text-left text-xs font-medium text-slate-500 dark:text-slate-400';
const td = 'px-3 py-1.5 align-top';

export function CompareSummary({ a, b, diff }: CompareSummaryProps) {
  const counts: [string, number, string][] = [
    ['Added', diff.added.length, 'text-emerald-700 dark:text-emerald-400'],
    ['Removed', diff.removed.length, 'text-red-700 dark:text-red-400'],
    ['Modified', diff.modified.length, 'text-amber-700 dark:text-amber-400'],
    ['Renamed', diff.renamed.length, 'text-indigo-700 dark:text-indigo-400'],
    ['Unchanged', diff.unchanged, 'text-slate-600 dark:text-slate-400'],
  ];
  const sides = [a, b] as const;
  return (
    <section aria-label="Summary" className="space-y-3">
      <dl className="flex flex-wrap gap-2">
        {counts.map(([label, count, tone]) => (
          <div key={label} className="min-w-24 rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800">
            <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
            <dd aria-label={label} className={`text-lg font-semibold tabular-nums ${tone}`}>
              {formatCount(count)}
            </dd>
          </div>
        ))}
        <div className="min-w-24 rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800">
          <dt className="text-xs text-slate-500 dark:text-slate-400">Bytes</dt>
          <dd aria-label="Bytes" className="text-sm font-semibold tabular-nums">
            <span className="text-emerald-700 dark:text-emerald-400">+{formatBytes(diff.bytesAdded)}</span>{' '}
            <span className="text-red-700 dark:text-red-400">−{formatBytes(diff.bytesRemoved)}</span>
            <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{netBytes(diff.bytesAdded - diff.bytesRemoved)}</span>
          </dd>
        </div>
      </dl>
      <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="w-full text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60">
            <tr>
              <th className={th} />
              <th className={th}>A</th>
              <th className={th}>B</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            <tr>
              <th className={th}>Version</th>
              {sides.map((v) => (
                <td key={v.id} className={`${td} font-mono`}>
                  <Link to={hrefs.version(v.project, v.artifactName, `v${v.index}`)} className="text-indigo-700 hover:underline dark:text-indigo-300">
                    {v.artifactName}:v{v.index}
                  </Link>
                </td>
              ))}
            </tr>
            <tr>
              <th className={th}>Digest</th>
              {sides.map((v, i) => (
                <td key={v.id} className={`${td} font-mono text-xs`}>
                  <span className="inline-flex items-center gap-1" aria-label={`Digest ${i === 0 ? 'A' : 'B'}`}>
                    {v.digest}
                    <CopyButton value={v.digest} label="Copy digest" />
                  </span>
                </td>
              ))}
            </tr>
            <tr>
              <th className={th}>Files · size</th>
              {sides.map((v) => (
                <td key={v.id} className={`${td} tabular-nums`}>
                  {formatCount(v.fileCount)} · {formatBytes(v.size)}
                </td>
              ))}
            </tr>
            <tr>
              <th className={th}>Aliases</th>
              {sides.map((v) => (
                <td key={v.id} className={td}>
                  <span className="flex flex-wrap gap-1">
                    {v.aliases.map((alias) => (
                      <Chip key={alias} tone={alias === 'latest' ? 'success' : 'accent'}>
                        {alias}
                      </Chip>
                    ))}
                  </span>
                </td>
              ))}
            </tr>
            <tr>
              <th className={th}>Tags</th>
              {sides.map((v) => (
                <td key={v.id} className={td}>
                  <span className="flex flex-wrap gap-1">
                    {v.tags.map((tag) => (
                      <Chip key={tag}>{tag}</Chip>
                    ))}
                  </span>
                </td>
              ))}
            </tr>
            <tr>
              <th className={th}>Produced by</th>
              {sides.map((v) => (
                <td key={v.id} className={td}>
                  <RunName id={v.producedBy} />
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
        <span>Aliases A → B:</span>
        <SetChange before={a.aliases} after={b.aliases} />
        <span className="ml-3">Tags A → B:</span>
        <SetChange before={a.tags} after={b.tags} />
      </p>
    </section>
  );
}

/** The size change the two figures above add up to: "net −4.1 kB", or "same size". */
function netBytes(net: number): string {
  if (net === 0) return 'same size';
  return `net ${net > 0 ? '+' : '−'}${formatBytes(Math.abs(net))}`;
}

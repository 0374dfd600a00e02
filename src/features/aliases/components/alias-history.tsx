import { useQuery } from '@tanstack/react-query';
import { aliasTimelines, rollbackTargets } from '../../../domain/aliases';
import type { ArtifactId, ArtifactVersion } from '../../../domain/types';
import { aliasQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { ErrorState } from '../../../ui/error-state';
import { Spinner } from '../../../ui/spinner';
import { useSetAliasProtected } from '../hooks/use-lifecycle-mutations';
import { formatDateTime } from '../../../lib/format-time';
import { LockIcon } from './lock-icon';

type AliasHistoryProps = {
  artifactId: ArtifactId;
  versions: readonly ArtifactVersion[];
  protectedAliases: readonly string[];
  onRollback: (alias: string, target: ArtifactVersion) => void;
};

/** Which version held each alias when, with one-click rollback to an earlier holder and protection. */
export function AliasHistory({ artifactId, versions, protectedAliases, onRollback }: AliasHistoryProps) {
  const store = useStore();
  const events = useQuery(aliasQueries.events(store, artifactId));
  const protect = useSetAliasProtected();

  if (events.isPending) return <Spinner className="m-6 size-4" label="Loading alias history" />;
  if (events.isError) return <ErrorState error={events.error} onRetry={() => void events.refetch()} />;

  const timelines = aliasTimelines(events.data);
  for (const alias of protectedAliases) if (!timelines.has(alias)) timelines.set(alias, []);
  const byIndex = new Map(versions.map((v) => [v.index, v]));
  const live = new Set(byIndex.keys());

  return (
    <section id="history" aria-label="Alias history" className="px-6 py-4">
      <h2 className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">History</h2>
      {timelines.size === 0 && <p className="text-sm text-slate-500">No alias was ever set on this artifact. Add one with “+” next to a version above, e.g. <code className="font-mono">production</code>, to start its history.</p>}
      <ul className="flex flex-col gap-4">
        {[...timelines.entries()].map(([alias, spans]) => {
          const isProtected = protectedAliases.includes(alias);
          const last = spans.at(-1);
          // Removed (or its version deleted): no holder now, so nothing to lock or unlock here.
          const removedAt = last !== undefined && last.until !== null ? last.until : null;
          const targets = rollbackTargets(events.data, alias, live);
          // A version that held the alias twice gets its button on its latest stretch only.
          const offered = new Set<number>();
          return (
            <li key={alias} aria-label={`History of ${alias}`} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
              <div className="mb-2 flex items-center gap-2">
                <span className="inline-flex items-center gap-1 font-mono text-sm font-semibold">
                  {isProtected && removedAt === null && <LockIcon />}
                  {alias}
                </span>
                {removedAt === null && (
                <Button
                  size="sm"
                  variant="ghost"
                  loading={protect.isPending && protect.variables.alias === alias}
                  onClick={(event) => {
                    const toggle = event.currentTarget;
                    // disabled while saving, the button loses focus: give it back once it is enabled again
                    protect.mutate({ artifactId, alias, isProtected: !isProtected }, { onSettled: () => requestAnimationFrame(() => toggle.focus()) });
                  }}
                >
                  {isProtected ? `Unprotect ${alias}` : `Protect ${alias}`}
                </Button>
                )}
              </div>
              <ol className="flex flex-col gap-1 text-sm">
                {removedAt !== null && (
                  <li className="flex flex-wrap items-center gap-2">
                    <span className="w-10 font-mono text-slate-500">—</span>
                    <span className="text-slate-600 tabular-nums dark:text-slate-400">removed {formatDateTime(removedAt, 'second')}</span>
                  </li>
                )}
                {[...spans].reverse().map((span) => {
                  const target = byIndex.get(span.index);
                  const offer = target !== undefined && targets.includes(span.index) && !offered.has(span.index);
                  if (offer) offered.add(span.index);
                  return (
                    <li key={`${span.index}-${span.from}`} className="flex flex-wrap items-center gap-2">
                      <span className="w-10 font-mono">v{span.index}</span>
                      <span className="text-slate-600 tabular-nums dark:text-slate-400">
                        {formatDateTime(span.from, 'second')} → {span.until === null ? 'now' : formatDateTime(span.until, 'second')}
                      </span>
                      {!target && <span className="text-xs text-slate-500">(deleted)</span>}
                      {offer && target && targets[0] === span.index && (
                        <Button size="sm" onClick={() => onRollback(alias, target)}>
                          Roll back {alias} to v{span.index}
                        </Button>
                      )}
                      {offer && target && targets[0] !== span.index && (
                        <Button size="sm" onClick={() => onRollback(alias, target)}>
                          Move {alias} back to v{span.index}
                        </Button>
                      )}
                    </li>
                  );
                })}
              </ol>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

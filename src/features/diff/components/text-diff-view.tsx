import { useMemo, useRef, useState } from 'react';
import { formatBytes } from '../../../domain/format';
import { useVirtualRows } from '../../../lib/use-virtual-rows';
import { cn } from '../../../ui/cn';
import type { TextDiffResult } from '../../../workers/diff-protocol';
import { splitRows, unifiedRows } from '../text-diff-rows';
import type { Side } from '../text-diff-rows';

const ROW = 20;
const lineTone = { add: 'bg-emerald-50 dark:bg-emerald-950/40', del: 'bg-red-50 dark:bg-red-950/40', ctx: '' } as const;
const mark = { add: '+', del: '-', ctx: ' ' } as const;
const no = 'w-12 shrink-0 select-none pr-2 text-right text-slate-500 dark:text-slate-400';

function SideCell({ side }: { side: Side }) {
  return (
    <div className={cn('flex min-w-0 flex-1', side ? lineTone[side.kind] : 'bg-slate-50 dark:bg-slate-900/40')}>
      <span className={no}>{side?.no ?? ''}</span>
      <span className="truncate whitespace-pre">{side ? `${mark[side.kind]} ${side.text}` : ''}</span>
    </div>
  );
}

/** A unified or side-by-side line diff, virtualised so a diff of 100k lines scrolls smoothly. */
export function TextDiffView({ result }: { result: TextDiffResult }) {
  const [mode, setMode] = useState<'unified' | 'split'>('unified');
  const scroller = useRef<HTMLDivElement>(null);
  const unified = useMemo(() => unifiedRows(result.hunks), [result.hunks]);
  const split = useMemo(() => splitRows(result.hunks), [result.hunks]);
  const count = mode === 'unified' ? unified.length : split.length;
  const virtual = useVirtualRows(scroller, count, ROW, 20);

  if (result.binary) return <p className="text-sm text-slate-600 dark:text-slate-400">Binary content: no line diff. Compare the digests above.</p>;
  if (result.tooComplex) return <p className="text-sm text-amber-700">The files differ too much to diff line by line within the time limit.</p>;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-xs">
        <span className="tabular-nums text-slate-600 dark:text-slate-400">
          <span className="text-emerald-700 dark:text-emerald-400">+{result.linesAdded}</span> <span className="text-red-700 dark:text-red-400">−{result.linesRemoved}</span> lines
        </span>
        <div role="radiogroup" aria-label="Diff layout" className="flex gap-1">
          {(['unified', 'split'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              onClick={() => setMode(m)}
              className={cn('rounded px-2 py-0.5', mode === m ? 'bg-indigo-600 text-white' : 'bg-slate-100 dark:bg-slate-800')}
            >
              {m === 'unified' ? 'Unified' : 'Side by side'}
            </button>
          ))}
        </div>
        {result.capped && (
          <span role="note" className="text-amber-700 dark:text-amber-400">
            Capped: only the first {formatBytes(result.capped.capBytes)} of each side were compared (A is {formatBytes(result.capped.beforeSize)}, B is{' '}
            {formatBytes(result.capped.afterSize)}).
          </span>
        )}
      </div>
      {count === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">The texts are identical.</p>
      ) : (
        <div ref={scroller} aria-label="Line diff" className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 font-mono text-xs dark:border-slate-800">
          <div style={{ height: virtual.totalSize, position: 'relative' }}>
            {virtual.rows.map((item) => {
              const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${item.start}px)` };
              if (mode === 'unified') {
                const row = unified[item.index];
                if (!row) return null;
                if (row.type === 'hunk') return <div key={item.key} style={style} className="bg-indigo-50 px-2 leading-5 text-indigo-700 dark:bg-indigo-950/40 dark:text-indigo-300">{row.text}</div>;
                return (
                  <div key={item.key} style={style} className={cn('flex leading-5', lineTone[row.kind])} data-kind={row.kind}>
                    <span className={no}>{row.oldNo ?? ''}</span>
                    <span className={no}>{row.newNo ?? ''}</span>
                    <span className="whitespace-pre">{`${mark[row.kind]} ${row.text}`}</span>
                  </div>
                );
              }
              const row = split[item.index];
              if (!row) return null;
              if (row.type === 'hunk') return <div key={item.key} style={style} className="bg-indigo-50 px-2 leading-5 text-indigo-700 dark:bg-indigo-950/40 dark:text-indigo-300">{row.text}</div>;
              return (
                <div key={item.key} style={style} className="flex divide-x divide-slate-200 leading-5 dark:divide-slate-800">
                  <SideCell side={row.left} />
                  <SideCell side={row.right} />
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}

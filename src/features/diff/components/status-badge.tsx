import { cn } from '../../../ui/cn';
import type { FileStatus } from '../file-rows';

const tones: Record<FileStatus, string> = {
  added: 'bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-950/60 dark:text-emerald-300 dark:ring-emerald-900',
  removed: 'bg-red-50 text-red-700 ring-red-200 dark:bg-red-950/60 dark:text-red-300 dark:ring-red-900',
  modified: 'bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950/60 dark:text-amber-300 dark:ring-amber-900',
  renamed: 'bg-indigo-50 text-indigo-700 ring-indigo-200 dark:bg-indigo-950/60 dark:text-indigo-300 dark:ring-indigo-900',
  unchanged: 'bg-slate-100 text-slate-600 ring-slate-200 dark:bg-slate-800 dark:text-slate-400 dark:ring-slate-700',
};

export function StatusBadge({ status }: { status: FileStatus }) {
  return (
    <span className={cn('inline-flex w-20 justify-center rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset', tones[status])}>
      {status}
    </span>
  );
}

/** "+1.2 kB" / "−300 B" / "" for no change. */
export function SizeDelta({ bytes, format }: { bytes: number; format: (n: number) => string }) {
  if (bytes === 0) return null;
  return (
    <span className={cn('tabular-nums', bytes > 0 ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400')}>
      {bytes > 0 ? '+' : '−'}
      {format(Math.abs(bytes))}
    </span>
  );
}

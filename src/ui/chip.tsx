import type { ReactNode } from 'react';
import { cn } from './cn';

export type ChipTone = 'neutral' | 'accent' | 'success' | 'warning';

type ChipProps = { children: ReactNode; tone?: ChipTone; className?: string; title?: string };

const tones: Record<ChipTone, string> = {
  neutral: 'bg-slate-100 text-slate-700 ring-slate-200 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-700',
  accent: 'bg-indigo-50 text-indigo-700 ring-indigo-200 dark:bg-indigo-950/60 dark:text-indigo-300 dark:ring-indigo-900',
  success: 'bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-950/60 dark:text-emerald-300 dark:ring-emerald-900',
  warning: 'bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950/60 dark:text-amber-300 dark:ring-amber-900',
};

/** A small rounded label: aliases, tags, types. */
export function Chip({ children, tone = 'neutral', className, title }: ChipProps) {
  return (
    <span
      title={title}
      className={cn(
        'inline-flex h-5 items-center rounded-full px-2 font-mono text-[11px] leading-none font-medium ring-1 ring-inset',
        tones[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}

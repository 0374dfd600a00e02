import { useId } from 'react';
import type { ReactNode } from 'react';
import { cn } from './cn';

type DetailFieldProps = {
  label: string;
  children: ReactNode;
  /** Narrower label column and tighter rows, for side panels. */
  compact?: boolean;
};

/** One row of a description list (inside a <dl>); the value is labelled by its term (getByLabel works). */
export function DetailField({ label, children, compact = false }: DetailFieldProps) {
  const id = useId();
  return (
    <div className={cn('grid items-baseline', compact ? 'grid-cols-[6.5rem_minmax(0,1fr)] gap-2 py-1' : 'grid-cols-[8rem_minmax(0,1fr)] gap-3 py-1.5')}>
      <dt id={id} className="text-xs font-medium text-slate-500 dark:text-slate-400">
        {label}
      </dt>
      <dd aria-labelledby={id} className={cn('min-w-0 text-sm', compact ? 'break-words' : 'text-slate-900 dark:text-slate-100')}>
        {children}
      </dd>
    </div>
  );
}

import { useId } from 'react';
import type { ReactNode } from 'react';

type DetailFieldProps = { label: string; children: ReactNode };

/** One row of a description list; the value is labelled by its term (getByLabel works). */
export function DetailField({ label, children }: DetailFieldProps) {
  const id = useId();
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] items-baseline gap-3 py-1.5">
      <dt id={id} className="text-xs font-medium text-slate-500 dark:text-slate-400">
        {label}
      </dt>
      <dd aria-labelledby={id} className="min-w-0 text-sm text-slate-900 dark:text-slate-100">
        {children}
      </dd>
    </div>
  );
}

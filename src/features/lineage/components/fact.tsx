import { useId } from 'react';
import type { ReactNode } from 'react';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatWhen(ms: number): string {
  return dateTime.format(ms);
}

/** One labelled fact (getByLabel finds the value by its term). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="grid grid-cols-[6.5rem_minmax(0,1fr)] items-baseline gap-2 py-1">
      <dt id={id} className="text-xs font-medium text-slate-500 dark:text-slate-400">
        {label}
      </dt>
      <dd aria-labelledby={id} className="min-w-0 text-sm break-words">
        {children}
      </dd>
    </div>
  );
}

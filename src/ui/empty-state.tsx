import type { ReactNode } from 'react';
import { cn } from './cn';

type EmptyStateProps = {
  title: string;
  description?: ReactNode;
  /** Buttons or links that get the user going. */
  actions?: ReactNode;
  icon?: ReactNode;
  className?: string;
};

export function EmptyState({ title, description, actions, icon, className }: EmptyStateProps) {
  return (
    <div className={cn('flex flex-col items-center justify-center gap-3 px-6 py-12 text-center', className)}>
      {icon && <div className="text-slate-500 dark:text-slate-400">{icon}</div>}
      <h2 className="text-base font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
      {description && <div className="max-w-md text-sm text-slate-600 dark:text-slate-400">{description}</div>}
      {actions && <div className="mt-2 flex flex-wrap items-center justify-center gap-2">{actions}</div>}
    </div>
  );
}

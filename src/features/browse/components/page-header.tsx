import type { ReactNode } from 'react';
import { Link } from '../../../ui/navigation';

export type Crumb = { label: string; to: string };

type PageHeaderProps = {
  crumbs: readonly Crumb[];
  title: ReactNode;
  /** Chips or short facts next to the title. */
  badges?: ReactNode;
  subtitle?: ReactNode;
  /** Mount point for actions composed in src/app (upload, download, delete …). */
  actions?: ReactNode;
};

export function PageHeader({ crumbs, title, badges, subtitle, actions }: PageHeaderProps) {
  return (
    <header className="border-b border-slate-200 px-6 pt-4 pb-4 dark:border-slate-800">
      <nav aria-label="Breadcrumb" className="mb-1 flex items-center gap-1 text-xs text-slate-500 dark:text-slate-400">
        {crumbs.map((crumb, i) => (
          <span key={crumb.to} className="flex items-center gap-1">
            {i > 0 && <span aria-hidden>/</span>}
            <Link to={crumb.to} className="hover:text-slate-900 hover:underline dark:hover:text-slate-100">
              {crumb.label}
            </Link>
          </span>
        ))}
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="truncate text-xl font-semibold tracking-tight text-slate-900 dark:text-slate-50">{title}</h1>
            {badges}
          </div>
          {subtitle && <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{subtitle}</div>}
        </div>
        {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
      </div>
    </header>
  );
}

import type { ReactNode } from 'react';
import { useStore } from '../store/store-context';
import { hrefs } from '../ui/hrefs';
import { Link } from '../ui/navigation';
import { ProjectSwitcher } from '../features/browse/components/project-switcher';
import { ThemeToggle } from './theme-toggle';

type AppShellProps = {
  /** Right side of the header (global actions such as upload), from src/app/slots.tsx. */
  headerActions?: ReactNode;
  children: ReactNode;
};

/** Header (app name, active store) over the routed content, which fills the rest of the viewport. */
export function AppShell({ headerActions, children }: AppShellProps) {
  const store = useStore();
  return (
    <div className="flex h-full flex-col">
      <SkipLink />
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
        <Link to={hrefs.home()} className="flex items-center gap-2 font-semibold tracking-tight">
          <Logo />
          <span>Artifact Studio</span>
        </Link>
        <span className="h-5 w-px bg-slate-200 dark:bg-slate-700" aria-hidden />
        <span
          className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400"
          aria-label="Active store"
          title={`Store id: ${store.id}`}
        >
          <span className="size-1.5 rounded-full bg-emerald-500" aria-hidden />
          {store.label}
        </span>
        <span className="h-5 w-px bg-slate-200 dark:bg-slate-700" aria-hidden />
        <ProjectSwitcher />
        <div className="ml-auto flex items-center gap-2">
          {headerActions}
          <ThemeToggle />
        </div>
      </header>
      <div className="flex min-h-0 flex-1">{children}</div>
    </div>
  );
}

function Logo() {
  return (
    <svg viewBox="0 0 20 20" className="size-5 text-indigo-600 dark:text-indigo-400" aria-hidden>
      <path d="M10 1.5 18 6v8l-8 4.5L2 14V6l8-4.5Z" fill="currentColor" opacity="0.18" />
      <path d="M10 1.5 18 6v8l-8 4.5L2 14V6l8-4.5Zm0 0V10m0 0 8-4m-8 4-8-4" fill="none" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}

/** The id every page gives its <main>, for the skip link. */
export const MAIN_CONTENT_ID = 'main-content';

/** First in the tab order, shown when focused: jumps past the header to the page's content. */
function SkipLink() {
  return (
    <a
      href={`#${MAIN_CONTENT_ID}`}
      onClick={(event) => {
        // Focus, not navigation: the router owns the URL.
        event.preventDefault();
        document.getElementById(MAIN_CONTENT_ID)?.focus();
      }}
      className="sr-only z-50 rounded bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow focus:not-sr-only focus:absolute focus:top-2 focus:left-2 dark:bg-slate-900 dark:text-indigo-300"
    >
      Skip to main content
    </a>
  );
}

import { useLayoutEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { ProjectSidebar } from '../features/browse/components/project-sidebar';
import { useLocation } from '../ui/navigation';
import { ChangeLogSync } from './change-log-sync';
import { MAIN_CONTENT_ID } from './app-shell';

type ProjectLayoutProps = {
  project: string;
  activeArtifact?: string;
  activeRef?: string;
  children: ReactNode;
};

/**
 * Sidebar (types → artifacts → versions) beside the main pane. Every project route renders
 * this same component at the same place, so the sidebar stays mounted while the URL changes.
 */
export function ProjectLayout({ project, activeArtifact, activeRef, children }: ProjectLayoutProps) {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);

  // A new page starts at the top; switching ?tab= keeps the scroll position.
  useLayoutEffect(() => {
    if (main.current) main.current.scrollTop = 0;
  }, [pathname]);

  return (
    <>
      <ChangeLogSync project={project} />
      <aside className="w-64 shrink-0 overflow-y-auto border-r border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900/60">
        <ProjectSidebar project={project} activeArtifact={activeArtifact} activeRef={activeRef} />
      </aside>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} ref={main} className="min-w-0 flex-1 overflow-y-auto">
        {children}
      </main>
    </>
  );
}

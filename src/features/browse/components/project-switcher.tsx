import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { projectQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { cn } from '../../../ui/cn';
import { Dialog } from '../../../ui/dialog';
import { hrefs } from '../../../ui/hrefs';
import { Link, useLocation } from '../../../ui/navigation';
import { NewProjectForm } from './new-project-form';

/** The project of a `/p/<project>/…` URL, else null. */
function projectOfPath(pathname: string): string | null {
  const match = /^\/p\/([^/]+)/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** In the header: the current project, a menu of the store's projects, and "New project". */
export function ProjectSwitcher() {
  const store = useStore();
  const projects = useQuery(projectQueries.list(store));
  const { pathname } = useLocation();
  const current = projectOfPath(pathname);
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  // Closes on a click elsewhere and on Escape (a project's link closes it too).
  useEffect(() => {
    if (!open) return;
    const away = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  const sorted = [...(projects.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div ref={root} className="relative">
      <Button size="sm" variant="ghost" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
        <span className="text-slate-500 dark:text-slate-400">Project:</span>
        <span className="ml-1 max-w-40 truncate">{current ?? 'none'}</span>
        <span aria-hidden className="ml-1 text-slate-400">▾</span>
      </Button>
      {open && (
        <div
          id={menuId}
          className="absolute top-full left-0 z-40 mt-1 w-64 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <nav aria-label="Projects">
            <ul className="max-h-72 overflow-y-auto">
              {sorted.map((p) => (
                <li key={p.name}>
                  <Link
                    to={hrefs.project(p.name)}
                    aria-current={p.name === current ? 'page' : undefined}
                    onClick={() => setOpen(false)}
                    className={cn(
                      'block truncate rounded px-2 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800',
                      p.name === current && 'font-semibold text-indigo-700 dark:text-indigo-300',
                    )}
                  >
                    {p.name}
                  </Link>
                </li>
              ))}
              {projects.isSuccess && sorted.length === 0 && <li className="px-2 py-1.5 text-xs text-slate-500">No projects yet.</li>}
            </ul>
          </nav>
          <div className="mt-1 border-t border-slate-100 pt-1 dark:border-slate-800">
            <button
              type="button"
              className="block w-full rounded px-2 py-1.5 text-left text-sm font-medium text-indigo-700 hover:bg-slate-100 dark:text-indigo-300 dark:hover:bg-slate-800"
              onClick={() => {
                setOpen(false);
                setCreating(true);
              }}
            >
              + New project
            </button>
          </div>
        </div>
      )}
      <Dialog open={creating} onClose={() => setCreating(false)} title="New project" description="Artifacts, versions and runs are kept per project.">
        {creating && <NewProjectForm onCreated={() => setCreating(false)} />}
      </Dialog>
    </div>
  );
}

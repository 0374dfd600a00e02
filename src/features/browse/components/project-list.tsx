import type { Project } from '../../../domain/types';
import { hrefs } from '../../../ui/hrefs';
import { Link } from '../../../ui/navigation';
import { formatDateTime } from '../../../lib/format-time';

type ProjectListProps = { projects: readonly Project[] };

/** The home screen when the store has projects. */
export function ProjectList({ projects }: ProjectListProps) {
  const sorted = [...projects].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="mx-auto max-w-3xl px-6 py-10">
      <h1 className="mb-4 text-xl font-semibold tracking-tight">Projects</h1>
      <ul className="grid gap-3 sm:grid-cols-2">
        {sorted.map((project) => (
          <li key={project.name}>
            <Link
              to={hrefs.project(project.name)}
              className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-300 hover:shadow dark:border-slate-800 dark:bg-slate-900 dark:hover:border-indigo-700"
            >
              <span className="block font-medium text-slate-900 dark:text-slate-100">{project.name}</span>
              <span className="mt-1 block text-xs text-slate-500">Created {formatDateTime(project.createdAt)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

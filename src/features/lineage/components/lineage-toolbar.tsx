import { cn } from '../../../ui/cn';
import { hrefs } from '../../../ui/hrefs';
import { navigate } from '../../../ui/navigation';
import { DEPTH_CHOICES, lineageHrefParams } from '../lineage-url';
import type { LineageUrlState } from '../lineage-url';

type LineageToolbarProps = {
  project: string;
  url: LineageUrlState;
  kinds: { artifactTypes: string[]; jobTypes: string[] };
};

const selectClass = 'h-7 rounded border border-slate-300 bg-white px-1 text-xs dark:border-slate-700 dark:bg-slate-900';

/** Depth, direction, whole-project and filter controls; every change is a URL change. */
export function LineageToolbar({ project, url, kinds }: LineageToolbarProps) {
  const go = (patch: Partial<LineageUrlState>) =>
    navigate(hrefs.lineage(project, lineageHrefParams({ ...url, ...patch })), { replace: true });
  const toggle = (list: readonly string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const depthSelect = (label: string, value: number, set: (n: number) => void) => (
    <label className="flex items-center gap-1">
      {label}
      <select aria-label={`${label} depth`} className={selectClass} value={value === Infinity ? 'all' : String(value)} onChange={(e) => set(e.target.value === 'all' ? Infinity : Number(e.target.value))}>
        {DEPTH_CHOICES.map((d) => (
          <option key={d} value={d === Infinity ? 'all' : String(d)}>
            {d === Infinity ? 'all' : d}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 px-4 py-2 text-xs dark:border-slate-800">
      {url.focus !== null ? (
        <>
          {depthSelect('Upstream', url.up, (up) => go({ up }))}
          {depthSelect('Downstream', url.down, (down) => go({ down }))}
          <button type="button" className="text-indigo-700 hover:underline dark:text-indigo-300" onClick={() => go({ focus: null })}>
            Whole project
          </button>
        </>
      ) : (
        <span className="text-slate-500 dark:text-slate-400">Whole project · click a node and “Focus here” to limit depth</span>
      )}
      <div role="group" aria-label="Direction" className="flex overflow-hidden rounded border border-slate-300 dark:border-slate-700">
        {(['LR', 'TB'] as const).map((dir) => (
          <button
            key={dir}
            type="button"
            aria-pressed={url.dir === dir}
            className={cn('px-2 py-1', url.dir === dir ? 'bg-indigo-600 text-white' : 'bg-white dark:bg-slate-900')}
            onClick={() => go({ dir })}
          >
            {dir === 'LR' ? 'Left → right' : 'Top ↓ bottom'}
          </button>
        ))}
      </div>
      <FilterGroup label="Artifact types" values={kinds.artifactTypes} active={url.types} onToggle={(t) => go({ types: toggle(url.types, t) })} />
      <FilterGroup label="Job types" values={kinds.jobTypes} active={url.jobs} onToggle={(j) => go({ jobs: toggle(url.jobs, j) })} />
    </div>
  );
}

type FilterGroupProps = { label: string; values: string[]; active: readonly string[]; onToggle: (value: string) => void };

function FilterGroup({ label, values, active, onToggle }: FilterGroupProps) {
  if (values.length === 0) return null;
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-1">
      <span className="text-slate-500 dark:text-slate-400">{label}:</span>
      {values.map((value) => (
        <button
          key={value}
          type="button"
          aria-pressed={active.includes(value)}
          className={cn(
            'rounded-full px-2 py-0.5 font-mono ring-1 ring-inset',
            active.includes(value) ? 'bg-indigo-600 text-white ring-indigo-600' : 'ring-slate-300 dark:ring-slate-700',
          )}
          onClick={() => onToggle(value)}
        >
          {value}
        </button>
      ))}
    </div>
  );
}

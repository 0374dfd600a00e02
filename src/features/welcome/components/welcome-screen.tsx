import type { ReactNode } from 'react';
import { Button } from '../../../ui/button';
import { hrefs } from '../../../ui/hrefs';
import { navigate } from '../../../ui/navigation';
import { useLoadExampleProject } from '../use-load-example-project';

type WelcomeScreenProps = {
  /** Where the active store lives, e.g. "This browser (IndexedDB)". */
  storeLabel: string;
  /** "Start with your own data": a new project, empty or from a dropped folder; composed in src/app. */
  start?: ReactNode;
};

/** Shown when the store holds no project yet. */
export function WelcomeScreen({ storeLabel, start }: WelcomeScreenProps) {
  const { load, isLoading, progress } = useLoadExampleProject({
    onLoaded: (result) => navigate(hrefs.project(result.project)),
  });
  const percent = progress ? Math.round((progress.done / Math.max(1, progress.total)) * 100) : 0;

  return (
    <div className="mx-auto flex max-w-2xl flex-col px-6 py-20">
      <p className="text-xs font-semibold tracking-widest text-indigo-600 uppercase dark:text-indigo-400">
        Artifact Studio
      </p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900 dark:text-slate-50">
        Version your datasets and models
      </h1>
      <p className="mt-3 text-slate-600 dark:text-slate-400">
        Log files as versioned artifacts with W&amp;B-compatible manifests and digests, move aliases such as{' '}
        <code className="rounded bg-slate-100 px-1 font-mono text-sm dark:bg-slate-800">production</code> between
        versions, and follow which run produced what. Everything is kept in{' '}
        <span className="font-medium text-slate-800 dark:text-slate-200">{storeLabel}</span>.
      </p>

      {start && (
        <section
          aria-labelledby="welcome-own-data"
          className="mt-8 rounded-xl border-2 border-dashed border-indigo-300 bg-indigo-50/40 p-5 dark:border-indigo-800 dark:bg-indigo-950/20"
        >
          <h2 id="welcome-own-data" className="font-medium text-slate-900 dark:text-slate-100">
            Start with your own data
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-600 dark:text-slate-400">
            Drop a folder anywhere on this page, or choose one: it becomes the first version of an artifact in the project named
            here. Or create the project empty and upload later.
          </p>
          {start}
        </section>
      )}

      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h2 className="font-medium text-slate-900 dark:text-slate-100">Start with an example</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          A churn-prediction project: a raw and a cleaned dataset (CSV splits, charts, README), two trained
          classifier versions with their metrics, an evaluation report, and the five runs that produced them.
        </p>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <Button variant="primary" loading={isLoading} onClick={load}>
            {isLoading ? 'Loading example…' : 'Load example project'}
          </Button>
        </div>
        {progress && (
          <div className="mt-4" role="status" aria-label="Example project progress">
            <div className="flex justify-between text-xs text-slate-500 dark:text-slate-400">
              <span>{progress.label}</span>
              <span className="tabular-nums">
                {progress.done} / {progress.total} versions
              </span>
            </div>
            <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800">
              <div className="h-full rounded-full bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

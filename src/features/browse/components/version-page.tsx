import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { artifactIdOf } from '../../../domain/types';
import type { VersionId } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Chip } from '../../../ui/chip';
import { cn } from '../../../ui/cn';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { Link, useSearchParam } from '../../../ui/navigation';
import { LoadingState } from '../../../ui/spinner';
import type { VersionTab } from '../version-tab';
import { useDocumentTitle } from '../use-document-title';
import { PageHeader } from './page-header';
import { VisibleName } from '../../../ui/visible-name';
import { PanelBoundary } from '../../../ui/panel-boundary';

type VersionPageProps = {
  project: string;
  artifact: string;
  /** `vN` or an alias, as in the URL. */
  versionRef: string;
  /** The tabs to offer, in order; the first is the default (`?tab=` absent or unknown). */
  tabs: readonly VersionTab[];
  /** Mount point for version-level actions, composed in src/app. */
  actions?: ReactNode;
  /** Editable alias chips for the header, composed in src/app; read-only chips when absent. */
  aliasEditor?: (versionId: VersionId) => ReactNode;
};

export function VersionPage({ project, artifact, versionRef, tabs, actions, aliasEditor }: VersionPageProps) {
  const store = useStore();
  const tabParam = useSearchParam('tab');
  const artifactId = artifactIdOf(project, artifact);
  const query = useQuery(versionQueries.resolve(store, artifactId, versionRef));
  const activeTab = tabs.find((tab) => tab.id === tabParam) ?? tabs[0];
  const pathParam = useSearchParam('path');
  useDocumentTitle(
    query.data
      ? [`${artifact}:v${query.data.index}`, activeTab && activeTab !== tabs[0] ? activeTab.label : null, pathParam, project]
          .filter(Boolean)
          .join(' · ')
      : `${artifact}:${versionRef} · ${project}`,
  );

  if (query.isPending) return <LoadingState label="Loading version…" />;
  if (query.isError) {
    const missing = query.error.code === 'not-found';
    return (
      <ErrorState
        title={missing ? `No version ${artifact}:${versionRef}` : `Could not load ${artifact}:${versionRef}`}
        error={query.error}
        hint={missing ? 'It may have been deleted, or the alias moved: pick a version from the sidebar or the artifact page.' : 'Try again.'}
        onRetry={() => void query.refetch()}
      />
    );
  }

  const version = query.data;
  return (
    <div>
      <PageHeader
        crumbs={[
          { label: project, to: hrefs.project(project) },
          { label: artifact, to: hrefs.artifact(project, artifact) },
        ]}
        title={
          <>
            {artifact}
            <span className="text-slate-500 dark:text-slate-400">:v{version.index}</span>
          </>
        }
        badges={
          <>
            <Chip>{version.type}</Chip>
            {aliasEditor
              ? aliasEditor(version.id)
              : version.aliases.map((alias) => (
                  <Chip key={alias} tone={alias === 'latest' ? 'success' : 'accent'}>
                    <VisibleName name={alias} />
                  </Chip>
                ))}
          </>
        }
        actions={actions}
      />
      {tabs.length > 1 && (
        <nav aria-label="Version sections" className="flex gap-1 border-b border-slate-200 px-4 dark:border-slate-800">
          {tabs.map((tab) => (
            <Link
              key={tab.id}
              to={hrefs.version(project, artifact, versionRef, tab.id === tabs[0]?.id ? undefined : tab.id)}
              aria-current={tab === activeTab ? 'page' : undefined}
              className={cn(
                '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
                tab === activeTab
                  ? 'border-indigo-600 text-slate-900 dark:border-indigo-400 dark:text-slate-50'
                  : 'border-transparent text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200',
              )}
            >
              {tab.label}
            </Link>
          ))}
        </nav>
      )}
      {activeTab && (
        <PanelBoundary what={`the ${activeTab.label} tab`} resetKeys={[activeTab.id, version.id]}>
          {activeTab.render({ project, artifactId, versionId: version.id })}
        </PanelBoundary>
      )}
    </div>
  );
}

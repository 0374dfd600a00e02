import { artifactIdOf } from '../domain/types';
import { ArtifactLifecycle } from '../features/aliases/components/artifact-lifecycle';
import { VersionAliasEditor } from '../features/aliases/components/version-alias-editor';
import { ArtifactPage } from '../features/browse/components/artifact-page';
import { ProjectOverview } from '../features/browse/components/project-overview';
import { VersionPage } from '../features/browse/components/version-page';
import { CompareRowAction } from '../features/diff/components/compare-row-action';
import { ArtifactStorage } from '../features/storage/components/artifact-storage';
import { HomePage } from './home-page';
import { lazyComponent } from './lazy-component';
import { LazyLineagePage, LazyRunPage } from './lineage-routes';
import { ProjectLayout } from './project-layout';
import type { RouteDefinition } from './router';
import type { VersionTab } from '../features/browse/version-tab';
import { buttonClasses } from '../ui/button';
import { hrefs } from '../ui/hrefs';
import { Link } from '../ui/navigation';
import { ArtifactActions, ProjectActions, VersionActions } from './slots';
import { versionTabs } from './version-tabs';

// Screens loaded on demand: their code stays out of the initial bundle.
const ComparePage = lazyComponent(() => import('../features/diff/components/compare-page'), (m) => m.ComparePage, 'Loading comparison…');
const StoragePage = lazyComponent(() => import('../features/storage/components/storage-page'), (m) => m.StoragePage);
const VersionLifecycleTab = lazyComponent(
  () => import('../features/aliases/components/version-lifecycle-tab'),
  (m) => m.VersionLifecycleTab,
);

/** Aliases, time to live and delete of a version (features/aliases). */
const lifecycleTab: VersionTab = {
  id: 'lifecycle',
  label: 'Aliases & lifecycle',
  render: ({ project, artifactId, versionId }) => <VersionLifecycleTab project={project} artifactId={artifactId} versionId={versionId} />,
};

/**
 * The route table, matched in order. URLs are built with `hrefs` (src/ui/hrefs.ts); keep the
 * two in step. Project routes all render <ProjectLayout> so the sidebar stays mounted.
 */
export const routes: readonly RouteDefinition[] = [
  { path: '/', render: () => <HomePage /> },
  {
    path: '/p/:project',
    render: ({ project = '' }) => (
      <ProjectLayout project={project}>
        <ProjectOverview
          project={project}
          actions={
            <>
              <Link to={`${hrefs.project(project)}/storage`} className={buttonClasses('secondary', 'md')}>
                Storage
              </Link>
              <ProjectActions project={project} />
            </>
          }
        />
      </ProjectLayout>
    ),
  },
  {
    path: '/p/:project/a/:artifact',
    render: ({ project = '', artifact = '' }) => (
      <ProjectLayout project={project} activeArtifact={artifact}>
        <ArtifactLifecycle key={`${project}/${artifact}`} project={project} artifact={artifact}>
          {({ versionsTableSlots, sections }) => (
            <ArtifactPage
              project={project}
              artifact={artifact}
              actions={<ArtifactActions project={project} artifact={artifact} />}
              versionsTableSlots={{
                ...versionsTableSlots,
                rowActions: (version) => <CompareRowAction project={project} version={version} />,
              }}
              sections={
                <>
                  {sections}
                  <ArtifactStorage project={project} artifactId={artifactIdOf(project, artifact)} />
                </>
              }
            />
          )}
        </ArtifactLifecycle>
      </ProjectLayout>
    ),
  },
  {
    path: '/p/:project/storage',
    render: ({ project = '' }) => (
      <ProjectLayout project={project}>
        <StoragePage project={project} />
      </ProjectLayout>
    ),
  },
  {
    path: '/p/:project/a/:artifact/v/:ref',
    render: ({ project = '', artifact = '', ref = '' }) => (
      <ProjectLayout project={project} activeArtifact={artifact} activeRef={ref}>
        <VersionPage
          project={project}
          artifact={artifact}
          versionRef={ref}
          tabs={[...versionTabs, lifecycleTab]}
          aliasEditor={(versionId) => <VersionAliasEditor versionId={versionId} />}
          actions={<VersionActions project={project} artifact={artifact} versionRef={ref} />}
        />
      </ProjectLayout>
    ),
  },
  {
    path: '/p/:project/compare',
    render: ({ project = '' }) => (
      <ProjectLayout project={project}>
        <ComparePage project={project} />
      </ProjectLayout>
    ),
  },
  {
    path: '/p/:project/lineage',
    render: ({ project = '' }) => (
      <ProjectLayout project={project}>
        <LazyLineagePage project={project} />
      </ProjectLayout>
    ),
  },
  {
    path: '/p/:project/runs/:runId',
    render: ({ project = '', runId = '' }) => (
      <ProjectLayout project={project}>
        <LazyRunPage project={project} runId={runId} />
      </ProjectLayout>
    ),
  },
];

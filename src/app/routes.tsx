import { ArtifactPage } from '../features/browse/components/artifact-page';
import { ProjectOverview } from '../features/browse/components/project-overview';
import { VersionPage } from '../features/browse/components/version-page';
import { HomePage } from './home-page';
import { ProjectLayout } from './project-layout';
import type { RouteDefinition } from './router';
import { ArtifactActions, ProjectActions, VersionActions } from './slots';
import { versionTabs } from './version-tabs';

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
        <ProjectOverview project={project} actions={<ProjectActions project={project} />} />
      </ProjectLayout>
    ),
  },
  {
    path: '/p/:project/a/:artifact',
    render: ({ project = '', artifact = '' }) => (
      <ProjectLayout project={project} activeArtifact={artifact}>
        <ArtifactPage
          project={project}
          artifact={artifact}
          actions={<ArtifactActions project={project} artifact={artifact} />}
        />
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
          tabs={versionTabs}
          actions={<VersionActions project={project} artifact={artifact} versionRef={ref} />}
        />
      </ProjectLayout>
    ),
  },
];

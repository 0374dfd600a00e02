import { lazy, Suspense } from 'react';
import type { RunId, VersionId } from '../domain/types';
import { DeleteRunButton } from '../features/runs/components/delete-run-button';
import { VersionAliasEditor } from '../features/aliases/components/version-alias-editor';
import { UploadAction } from '../features/upload/components/upload-action';
import { hrefs } from '../ui/hrefs';
import { navigate } from '../ui/navigation';
import { LoadingState } from '../ui/spinner';

// Lazy: React Flow and the layout worker stay out of the initial bundle.
const LineagePage = lazy(() => import('../features/lineage/components/lineage-page').then((m) => ({ default: m.LineagePage })));
const LineageTab = lazy(() => import('../features/lineage/components/lineage-tab').then((m) => ({ default: m.LineageTab })));
const RunPage = lazy(() => import('../features/lineage/components/run-page').then((m) => ({ default: m.RunPage })));

export function LazyLineagePage({ project }: { project: string }) {
  return (
    <Suspense fallback={<LoadingState label="Loading lineage…" />}>
      <LineagePage project={project} aliasEditor={(versionId) => <VersionAliasEditor versionId={versionId} />} />
    </Suspense>
  );
}

export function LazyLineageTab({ project, versionId }: { project: string; versionId: VersionId }) {
  return (
    <Suspense fallback={<LoadingState label="Loading lineage…" />}>
      <LineageTab project={project} versionId={versionId} />
    </Suspense>
  );
}

export function LazyRunPage({ project, runId }: { project: string; runId: string }) {
  return (
    <Suspense fallback={<LoadingState label="Loading run…" />}>
      <RunPage
        project={project}
        runId={runId}
        actions={
          <>
            <UploadAction project={project} producingRun={runId as RunId} />
            <DeleteRunButton runId={runId as RunId} onDeleted={() => navigate(hrefs.project(project))} />
          </>
        }
      />
    </Suspense>
  );
}

import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { formatBytes } from '../../../domain/format';
import { artifactIdOf } from '../../../domain/types';
import { artifactQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Chip } from '../../../ui/chip';
import { ErrorState } from '../../../ui/error-state';
import { hrefs } from '../../../ui/hrefs';
import { LoadingState } from '../../../ui/spinner';
import { formatDateTime } from '../../../lib/format-time';
import { useDocumentTitle } from '../use-document-title';
import { PageHeader } from './page-header';
import { VersionsTable } from './versions-table';
import type { VersionsTableSlots } from './versions-table';

type ArtifactPageProps = {
  project: string;
  artifact: string;
  /** Mount point for artifact-level actions (e.g. "Upload new version"), composed in src/app. */
  actions?: ReactNode;
  /** Render props for the versions table (alias editing, selection …), composed in src/app. */
  versionsTableSlots?: VersionsTableSlots;
  /** Sections below the versions (e.g. alias history, storage), composed in src/app. */
  sections?: ReactNode;
};

export function ArtifactPage({ project, artifact, actions, versionsTableSlots, sections }: ArtifactPageProps) {
  const store = useStore();
  const artifactId = artifactIdOf(project, artifact);
  const query = useQuery(artifactQueries.detail(store, artifactId));
  useDocumentTitle(`${artifact} · ${project}`);

  if (query.isPending) return <LoadingState label="Loading artifact…" />;
  if (query.isError) {
    const missing = query.error.code === 'not-found';
    return (
      <ErrorState
        title={missing ? `No artifact ${artifact} in ${project}` : `Could not load ${artifact}`}
        error={query.error}
        hint={missing ? 'It may have been deleted or renamed: pick an artifact from the sidebar, or check the link.' : 'Try again.'}
        onRetry={() => void query.refetch()}
      />
    );
  }

  const data = query.data;
  return (
    <div>
      <PageHeader
        crumbs={[{ label: project, to: hrefs.project(project) }]}
        title={data.name}
        badges={<Chip tone="accent">{data.type}</Chip>}
        subtitle={
          <span className="tabular-nums">
            {data.versionCount} {data.versionCount === 1 ? 'version' : 'versions'} · {formatBytes(data.totalSize)} ·
            created {formatDateTime(data.createdAt)}
          </span>
        }
        actions={actions}
      />
      {data.description && (
        <p className="border-b border-slate-200 px-6 py-3 text-sm whitespace-pre-wrap text-slate-700 dark:border-slate-800 dark:text-slate-300">
          {data.description}
        </p>
      )}
      <section aria-label="Versions" className="px-6 py-4">
        <h2 className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">Versions</h2>
        <VersionsTable artifactId={artifactId} project={project} artifact={artifact} slots={versionsTableSlots} />
      </section>
      {sections}
    </div>
  );
}

import { MetadataTab } from '../features/browse/components/metadata-tab';
import { UsageTab } from '../features/browse/components/usage-tab';
import { VersionListTab } from '../features/browse/components/version-list-tab';
import { VersionOverview } from '../features/browse/components/version-overview';
import { FilesTab } from '../features/files/components/files-tab';
import type { VersionTab } from '../features/browse/version-tab';
import { LazyLineageTab } from './lineage-routes';

/**
 * The version page's tabs, in order (`?tab=<id>`; the first is the default). A feature adds
 * its tab here: `{ id: 'files', label: 'Files', render: ({ versionId }) => <FilesTab versionId={versionId} /> }`.
 */
export const versionTabs: readonly VersionTab[] = [
  { id: 'overview', label: 'Overview', render: ({ versionId }) => <VersionOverview versionId={versionId} /> },
  { id: 'metadata', label: 'Metadata', render: ({ versionId }) => <MetadataTab versionId={versionId} /> },
  { id: 'files', label: 'Files', render: ({ versionId }) => <FilesTab versionId={versionId} /> },
  { id: 'usage', label: 'Usage', render: ({ versionId }) => <UsageTab versionId={versionId} /> },
  {
    id: 'versions',
    label: 'Versions',
    render: ({ artifactId, versionId }) => <VersionListTab artifactId={artifactId} versionId={versionId} />,
  },
  { id: 'lineage', label: 'Lineage', render: ({ project, versionId }) => <LazyLineageTab project={project} versionId={versionId} /> },
];

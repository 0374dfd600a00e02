import { ConnectS3Button } from '../features/backend/components/connect-s3-button';
import { VersionOverview } from '../features/browse/components/version-overview';
import type { VersionTab } from '../features/browse/version-tab';
import { lazyComponent } from './lazy-component';
import { LazyLineageTab } from './lineage-routes';

// Every tab but Overview loads on demand (zip, previews and tables stay out of the first load).
const MetadataTab = lazyComponent(() => import('../features/browse/components/metadata-tab'), (m) => m.MetadataTab);
const FilesTab = lazyComponent(() => import('../features/files/components/files-tab'), (m) => m.FilesTab, 'Loading files…');
const UsageTab = lazyComponent(() => import('../features/browse/components/usage-tab'), (m) => m.UsageTab);
const VersionListTab = lazyComponent(() => import('../features/browse/components/version-list-tab'), (m) => m.VersionListTab);

/**
 * The version page's tabs, in order (`?tab=<id>`; the first is the default). A feature adds
 * its tab here: `{ id: 'files', label: 'Files', render: ({ versionId }) => <FilesTab versionId={versionId} /> }`.
 */
export const versionTabs: readonly VersionTab[] = [
  { id: 'overview', label: 'Overview', render: ({ versionId }) => <VersionOverview versionId={versionId} /> },
  { id: 'metadata', label: 'Metadata', render: ({ versionId }) => <MetadataTab versionId={versionId} /> },
  { id: 'files', label: 'Files', render: ({ versionId }) => <FilesTab versionId={versionId} /> },
  { id: 'usage', label: 'Usage', render: ({ versionId }) => <UsageTab versionId={versionId} connectAction={<ConnectS3Button />} /> },
  {
    id: 'versions',
    label: 'Versions',
    render: ({ artifactId, versionId }) => <VersionListTab artifactId={artifactId} versionId={versionId} />,
  },
  { id: 'lineage', label: 'Lineage', render: ({ project, versionId }) => <LazyLineageTab project={project} versionId={versionId} /> },
];

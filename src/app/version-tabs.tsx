import { VersionOverview } from '../features/browse/components/version-overview';
import type { VersionTab } from '../features/browse/version-tab';

/**
 * The version page's tabs, in order (`?tab=<id>`; the first is the default). A feature adds
 * its tab here: `{ id: 'files', label: 'Files', render: ({ versionId }) => <FilesTab versionId={versionId} /> }`.
 */
export const versionTabs: readonly VersionTab[] = [
  { id: 'overview', label: 'Overview', render: ({ versionId }) => <VersionOverview versionId={versionId} /> },
];

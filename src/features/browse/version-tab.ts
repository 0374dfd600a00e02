import type { ReactNode } from 'react';
import type { ArtifactId, VersionId } from '../../domain/types';

/** What a version-page tab receives: ids only; each tab fetches what it needs. */
export type VersionTabContext = {
  readonly project: string;
  readonly artifactId: ArtifactId;
  readonly versionId: VersionId;
};

/**
 * A tab of the version page, shown as `?tab=${id}`. The list is composed in src/app/routes.tsx
 * so that other features (files, metadata, lineage, …) can add theirs without importing browse.
 */
export type VersionTab = {
  readonly id: string;
  readonly label: string;
  readonly render: (context: VersionTabContext) => ReactNode;
};

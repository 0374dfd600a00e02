import type { ChangeLogDoc } from '../domain/change-log';
import type { ArtifactStore } from './artifact-store';

export type ChangeLogRead = { doc: ChangeLogDoc; etag: string } | 'not-modified' | null;

/**
 * A store shared with other writers (S3, a folder) that records every change in a per-project
 * change log, so an open app can follow other writers' changes with one conditional read.
 */
export interface ChangeFeed {
  /** This store instance's id in the log's entries (its own changes need no refetch). */
  readonly changeWriterId: string;
  /** The project's log; 'not-modified' while `etag` is current; null before the first change. */
  readChangeLog(project: string, etag?: string): Promise<ChangeLogRead>;
}

export function changeFeedOf(store: ArtifactStore): ChangeFeed | null {
  const candidate = store as Partial<ChangeFeed>;
  return typeof candidate.readChangeLog === 'function' && typeof candidate.changeWriterId === 'string' ? (store as ArtifactStore & ChangeFeed) : null;
}

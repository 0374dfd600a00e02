import { changesSince } from '../domain/change-log';
import type { ChangeEntry, ChangeLogPosition } from '../domain/change-log';
import type { ChangeFeed } from './change-feed';

/** What a poll found: other writers' changes to apply, or that the reader must refetch everything. */
export type FollowResult = { kind: 'entries'; entries: ChangeEntry[] } | { kind: 'missed' };

/**
 * Follows one project's change log: each poll is one conditional read; the first only sets the
 * position (what the app shows was read after it, or is being read now). Entries written by this
 * store instance are left out: its own mutations already refreshed what they changed.
 */
export class ChangeFollower {
  private position: ChangeLogPosition | null = null;
  private etag: string | undefined;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly project: string,
  ) {}

  async poll(): Promise<FollowResult> {
    const read = await this.feed.readChangeLog(this.project, this.etag);
    if (read === 'not-modified') return { kind: 'entries', entries: [] };
    if (read === null) {
      // No log (yet): from now on every entry of the log that appears is new to this reader.
      const hadLog = this.position !== null && this.position.epoch !== null;
      this.position = { epoch: null, seq: 0 };
      this.etag = undefined;
      return hadLog ? { kind: 'missed' } : { kind: 'entries', entries: [] };
    }
    this.etag = read.etag;
    const previous = this.position;
    this.position = { epoch: read.doc.epoch, seq: read.doc.seq };
    if (previous === null) return { kind: 'entries', entries: [] };
    const result = changesSince(read.doc, previous);
    if (result.kind === 'missed') return result;
    return { kind: 'entries', entries: result.entries.filter((entry) => entry.writer !== this.feed.changeWriterId) };
  }
}

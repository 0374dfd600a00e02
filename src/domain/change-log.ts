/**
 * The per-project change log that lets readers of a shared store notice other writers' changes:
 * a counter and the last few changes. Writers append with compare-and-swap; a reader remembers
 * the counter it saw and asks what came after it.
 */
import type { ArtifactId, RunId, VersionId } from './types';

/** What one store operation changed, as much as a reader needs to refetch exactly that. */
export type Change =
  | { kind: 'artifact'; artifactId: ArtifactId }
  | { kind: 'versions-deleted'; artifactId: ArtifactId; versionIds: VersionId[] }
  | { kind: 'run'; runId: RunId };

export type ChangeEntry = Change & {
  /** Position in the project's log: 1, 2, 3, … with no gaps. */
  seq: number;
  /** Writer's clock, ms. */
  at: number;
  /** The store instance that made the change (a reader skips its own). */
  writer: string;
};

export interface ChangeLogDoc {
  /** Random id of this log: a log rewritten from scratch (lost, unreadable) gets a new one. */
  epoch: string;
  /** The seq of the newest entry; 0 before the first change. */
  seq: number;
  /** The newest entries, oldest first, at most the log's limit. */
  entries: ChangeEntry[];
}

export const CHANGE_LOG_LIMIT = 64;

/** Where a reader is: the log it read (null: there was none yet) and the newest seq it applied. */
export interface ChangeLogPosition {
  epoch: string | null;
  seq: number;
}

export function emptyChangeLog(epoch: string): ChangeLogDoc {
  return { epoch, seq: 0, entries: [] };
}

/** The log with `changes` appended (numbered after `current.seq`), keeping the newest `limit`. */
export function appendChanges(
  current: ChangeLogDoc,
  changes: readonly Change[],
  stamp: { at: number; writer: string },
  limit = CHANGE_LOG_LIMIT,
): ChangeLogDoc {
  const added = changes.map((change, i): ChangeEntry => ({ ...change, seq: current.seq + i + 1, at: stamp.at, writer: stamp.writer }));
  const entries = [...current.entries, ...added];
  return { epoch: current.epoch, seq: current.seq + changes.length, entries: entries.slice(Math.max(0, entries.length - limit)) };
}

export type ChangesSince =
  /** Every change after the reader's seq, oldest first (empty when nothing changed). */
  | { kind: 'entries'; entries: ChangeEntry[] }
  /** The log no longer holds every change after the reader's seq (or was reset): refetch everything. */
  | { kind: 'missed' };

/** What a reader at `seen` must apply to catch up with `doc`. */
export function changesSince(doc: ChangeLogDoc, seen: ChangeLogPosition): ChangesSince {
  // A log that appeared since the reader found none is read from its start; any other new log lost entries.
  if (seen.epoch !== doc.epoch && !(seen.epoch === null && seen.seq === 0)) return { kind: 'missed' };
  const seenSeq = seen.epoch === doc.epoch ? seen.seq : 0;
  if (doc.seq < seenSeq) return { kind: 'missed' };
  if (doc.seq === seenSeq) return { kind: 'entries', entries: [] };
  const oldest = doc.entries[0];
  if (oldest === undefined || oldest.seq > seenSeq + 1) return { kind: 'missed' };
  return { kind: 'entries', entries: doc.entries.filter((entry) => entry.seq > seenSeq) };
}

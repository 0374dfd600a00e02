/**
 * The change log in the bucket: `changes/<project>.json`, appended by every writer with
 * compare-and-swap (If-Match; If-None-Match: * for the first), read by apps with a conditional
 * GET (If-None-Match → 304 while nothing changed).
 */
import './zod-jitless';
import { z } from 'zod';
import { appendChanges, emptyChangeLog } from '../../domain/change-log';
import type { Change, ChangeEntry, ChangeLogDoc } from '../../domain/change-log';
import { AppError } from '../../domain/errors';
import type { ArtifactId, RunId, VersionId } from '../../domain/types';
import type { ChangeLogRead } from '../change-feed';
import type { ObjectClient } from './object-client';
import { nameSegment } from './s3-layout';
import { S3_SCHEMA_VERSION } from './s3-records';
import { casBackoff, randomHex, sleep } from './s3-util';

const MAX_APPEND_ATTEMPTS = 80;

const stamp = { seq: z.number().int().min(1), at: z.number(), writer: z.string() };
const entrySchema = z.union([
  z.looseObject({ ...stamp, kind: z.literal('artifact'), artifactId: z.string() }),
  z.looseObject({ ...stamp, kind: z.literal('versions-deleted'), artifactId: z.string(), versionIds: z.array(z.string()) }),
  z.looseObject({ ...stamp, kind: z.literal('run'), runId: z.string() }),
]);
const logSchema = z.looseObject({
  schemaVersion: z.number().int().min(1),
  epoch: z.string().min(1),
  seq: z.number().int().min(0),
  entries: z.array(z.unknown()),
});

export function changeLogKey(keyPrefix: string, project: string): string {
  return `${keyPrefix}changes/${nameSegment(project)}.json`;
}

function toEntry(raw: unknown): ChangeEntry | null {
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) return null;
  const e = parsed.data;
  const base = { seq: e.seq, at: e.at, writer: e.writer };
  if (e.kind === 'artifact') return { ...base, kind: e.kind, artifactId: e.artifactId as ArtifactId };
  if (e.kind === 'run') return { ...base, kind: e.kind, runId: e.runId as RunId };
  return { ...base, kind: e.kind, artifactId: e.artifactId as ArtifactId, versionIds: e.versionIds as VersionId[] };
}

/**
 * The log in `text`, or null when it is unreadable. An entry this release does not know (a newer
 * writer's) drops it and everything before it, so a reader that needs it sees a gap and refetches
 * everything rather than skipping it.
 */
export function parseChangeLog(text: string): ChangeLogDoc | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = logSchema.safeParse(raw);
  if (!parsed.success) return null;
  const entries: ChangeEntry[] = [];
  for (const item of parsed.data.entries) {
    const entry = toEntry(item);
    if (entry === null) entries.length = 0;
    else entries.push(entry);
  }
  return { epoch: parsed.data.epoch, seq: parsed.data.seq, entries };
}

export async function readChangeLog(client: ObjectClient, project: string, etag?: string): Promise<ChangeLogRead> {
  const key = changeLogKey(client.keyPrefix, project);
  const read = await client.getText(key, etag === undefined ? {} : { ifNoneMatch: etag });
  if (read === null || read === 'not-modified') return read;
  // An unreadable log reads as a fresh one: the reader's position is in another epoch, so it refetches everything.
  return { doc: parseChangeLog(read.text) ?? emptyChangeLog(`unreadable-${read.etag}`), etag: read.etag };
}

/**
 * Appends `changes` to the project's log. Two writers racing both read the same ETag; one write
 * wins, the other gets 412 and appends again on top of the winner's, so no change is dropped.
 */
export async function appendChangeLog(
  client: ObjectClient,
  project: string,
  changes: readonly Change[],
  writer: string,
  now: () => number,
  /** The wait after a lost race (tests replace it). */
  pause: (attempt: number) => Promise<void> = (attempt) => sleep(casBackoff(attempt)),
): Promise<void> {
  if (changes.length === 0) return;
  const key = changeLogKey(client.keyPrefix, project);
  for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
    const current = await client.getText(key);
    const existing = current === null || current === 'not-modified' ? null : current;
    // A missing or unreadable log starts a new epoch: readers of the old one refetch everything.
    const base = (existing && parseChangeLog(existing.text)) ?? emptyChangeLog(randomHex(8));
    const next = appendChanges(base, changes, { at: now(), writer });
    const body = { schemaVersion: S3_SCHEMA_VERSION, ...next };
    const put = existing === null ? await client.putJson(key, body, { create: true }) : await client.putJson(key, body, { ifMatch: existing.etag });
    if (put.ok) return;
    await pause(attempt);
  }
  throw new AppError('conflict', `gave up appending to ${key} after ${MAX_APPEND_ATTEMPTS} attempts: other writers kept changing it`, { details: { key } });
}

/**
 * The change log under concurrent writers: every request goes through fast-check's scheduler,
 * which runs them in a random order, so each run is another interleaving of reads and
 * compare-and-swap writes. No interleaving may lose a change, and a reader polling in between
 * must see every other writer's change exactly once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change, ChangeEntry } from '../../domain/change-log';
import type { ArtifactId } from '../../domain/types';
import type { ChangeFeed } from '../change-feed';
import { ChangeFollower } from '../change-follower';
import type { ObjectClient } from './object-client';
import { appendChangeLog, changeLogKey, parseChangeLog, readChangeLog } from './s3-change-log';

type Scheduler = fc.Scheduler;

/**
 * Just the get/put with compare-and-swap the log needs, in memory; every answer is released in
 * the scheduler's order.
 */
function scheduledMemoryClient(s: Scheduler): ObjectClient {
  const objects = new Map<string, { text: string; etag: string }>();
  let etags = 0;
  const unsupported = () => Promise.reject(new Error('not used by the change log'));
  const getText: ObjectClient['getText'] = (key, options = {}) =>
    s.schedule(
      Promise.resolve().then(() => {
        const found = objects.get(key);
        if (found === undefined) return null;
        return options.ifNoneMatch === found.etag ? ('not-modified' as const) : { ...found };
      }),
      `get ${key}`,
    );
  const putJson: ObjectClient['putJson'] = (key, value, options = {}) =>
    s.schedule(
      Promise.resolve().then(() => {
        const found = objects.get(key);
        if ((options.create && found) || (options.ifMatch !== undefined && found?.etag !== options.ifMatch)) return { ok: false as const, status: 412 };
        const etag = `e${++etags}`;
        objects.set(key, { text: JSON.stringify(value), etag });
        return { ok: true as const, etag };
      }),
      `put ${key}`,
    );
  return {
    keyPrefix: '',
    storeId: 'memory',
    label: 'memory',
    get: unsupported,
    getText,
    head: unsupported,
    put: unsupported,
    putJson,
    replaceMeta: unsupported,
    delete: unsupported,
    list: unsupported,
    putLarge: unsupported,
  };
}

function changesOf(writer: number, count: number): Change[] {
  return Array.from({ length: count }, (_, i) => ({ kind: 'artifact', artifactId: `p/w${writer}-c${i}` as ArtifactId }));
}

describe('change log under concurrent writers', () => {
  it('keeps every change of racing writers, and a polling reader gets each exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 6 }), async (s, counts, polls) => {
        const client = scheduledMemoryClient(s);
        const feed: ChangeFeed = { changeWriterId: 'reader', readChangeLog: (project, etag) => readChangeLog(client, project, etag) };
        const follower = new ChangeFollower(feed, 'p');
        const seen: ChangeEntry[] = [];
        let missed = false;
        const poll = async () => {
          const result = await follower.poll();
          if (result.kind === 'missed') missed = true;
          else seen.push(...result.entries);
        };
        const first = poll();
        const writers = counts.map(async (count, w) => {
          // One change per append, so each writer races the others several times.
          for (const change of changesOf(w, count)) await appendChangeLog(client, 'p', [change], `w${w}`, () => 0, () => Promise.resolve());
        });
        const readers = (async () => {
          await first;
          for (let i = 0; i < polls; i++) await poll();
        })();
        await s.waitFor(Promise.all([...writers, readers]));
        await s.waitFor(poll());

        const total = counts.reduce((a, b) => a + b, 0);
        const stored = await s.waitFor(client.getText(changeLogKey('', 'p')));
        const log = stored === null || stored === 'not-modified' ? null : parseChangeLog(stored.text);
        expect(log?.seq).toBe(total);
        expect(log?.entries.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
        const expected = counts.flatMap((count, w) => changesOf(w, count).map((c) => (c.kind === 'artifact' ? c.artifactId : '')));
        expect(new Set(log?.entries.map((e) => (e.kind === 'artifact' ? e.artifactId : '')))).toEqual(new Set(expected));
        expect(missed).toBe(false);
        expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

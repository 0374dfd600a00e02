/**
 * The change log against a real S3 store (RGW): racing writers on one project lose no entry, and
 * a reader polling like the app (a conditional GET every 2 s) sees a write within the target.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import type { ChangeEntry } from '../../domain/change-log';
import { changeFeedOf } from '../change-feed';
import { ChangeFollower } from '../change-follower';
import type { S3Store } from './s3-store';
import { createS3Store } from './create-s3-store';
import { deletePrefixes, ensureTestBucket, s3TestEnv, testConfig } from './s3-test-env';
import { sleep } from './s3-util';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

/** The app's interval while the tab is visible (src/app/change-log-sync.tsx). */
const CHANGE_POLL_VISIBLE_MS = 2_000;

const env = s3TestEnv();
const prefixes: string[] = [];
beforeAll(() => ensureTestBucket(env));
afterAll(() => deletePrefixes(env, prefixes));

async function openPair(label: string): Promise<{ writers: S3Store[]; reader: S3Store }> {
  const config = testConfig(env, label);
  prefixes.push(config.prefix);
  const writers = await Promise.all(Array.from({ length: 8 }, () => createS3Store(config)));
  return { writers, reader: await createS3Store(config) };
}

async function commit(store: S3Store, name: string, content: string) {
  const bytes = new TextEncoder().encode(content);
  const digest = await md5Base64(bytes);
  await store.putBlobs([{ digest, blob: new Blob([bytes]) }]);
  return store.commitVersion({ project: 'p', artifactName: name, type: 'dataset', entries: [{ path: 'f.txt', digest, size: bytes.length }] });
}

describe('change log on RGW', () => {
  it('keeps every entry when 8 store instances commit to one project at once', async () => {
    const { writers, reader } = await openPair('change-log-race');
    const feed = changeFeedOf(reader);
    if (!feed) throw new Error('an S3 store has a change feed');
    const follower = new ChangeFollower(feed, 'p');
    await follower.poll();
    await Promise.all(writers.map((w, i) => Promise.all([0, 1, 2].map((j) => commit(w, `a${i}-${j}`, `writer ${i} commit ${j}`)))));
    const result = await follower.poll();
    if (result.kind !== 'entries') throw new Error('the reader missed entries');
    expect(result.entries.map((e) => e.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(result.entries.map((e) => (e.kind === 'artifact' ? e.artifactId : '')))).toEqual(
      new Set(writers.flatMap((_, i) => [0, 1, 2].map((j) => `p/a${i}-${j}`))),
    );
  });

  it('a reader polling every 2 s sees each of 20 writes within 5 s (median and worst printed)', async () => {
    const { writers, reader } = await openPair('change-log-latency');
    const writer = writers[0] as S3Store;
    const feed = changeFeedOf(reader);
    if (!feed) throw new Error('an S3 store has a change feed');
    const follower = new ChangeFollower(feed, 'p');
    const seenAt = new Map<string, number>();
    let stop = false;
    const polling = (async () => {
      while (!stop) {
        const result = await follower.poll();
        const entries: ChangeEntry[] = result.kind === 'entries' ? result.entries : [];
        for (const e of entries) if (e.kind === 'artifact') seenAt.set(e.artifactId, Date.now());
        await sleep(CHANGE_POLL_VISIBLE_MS);
      }
    })();
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const { version } = await commit(writer, `v${i}`, `write ${i}`);
      const written = Date.now();
      while (!seenAt.has(version.artifactId) && Date.now() - written < 10_000) await sleep(20);
      latencies.push((seenAt.get(version.artifactId) ?? Infinity) - written);
      await sleep(Math.random() * CHANGE_POLL_VISIBLE_MS);
    }
    stop = true;
    await polling;
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`change log latency over 20 writes (ms): median ${sorted[10]}, worst ${sorted[19]}`);
    expect(sorted[19]).toBeLessThan(5_000);
  });
});

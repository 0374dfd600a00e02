/**
 * Every write of the shared-store logic lands in the project's change log, and another store
 * instance on the same objects (another app, the CLI) follows it: run over the folder store,
 * which is the S3 store logic over files.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import { openFolderStore } from '../folder/open-folder-store';
import { changeFeedOf } from '../change-feed';
import { ChangeFollower } from '../change-follower';
import type { FollowResult } from '../change-follower';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

function summary(result: FollowResult): string[] {
  if (result.kind === 'missed') return ['missed'];
  return result.entries.map((e) => (e.kind === 'run' ? `run ${e.runId}` : e.kind === 'artifact' ? `artifact ${e.artifactId}` : `deleted ${e.versionIds.join(',')}`));
}

describe('change-recording store', () => {
  it("announces commits, alias moves, deletions and runs to another instance's follower, not to its own", async () => {
    const root = await mkdtemp(join(tmpdir(), 'change-store-'));
    roots.push(root);
    const writer = await openFolderStore(root, { durable: false });
    const reader = await openFolderStore(root, { durable: false });
    const readerFeed = changeFeedOf(reader);
    const writerFeed = changeFeedOf(writer);
    if (!readerFeed || !writerFeed) throw new Error('the folder store must have a change feed');
    const other = new ChangeFollower(readerFeed, 'p');
    const own = new ChangeFollower(writerFeed, 'p');
    expect(await other.poll()).toEqual({ kind: 'entries', entries: [] });
    await own.poll();

    const bytes = new TextEncoder().encode('hello');
    const digest = await md5Base64(bytes);
    await writer.putBlobs([{ digest, blob: new Blob([bytes]) }]);
    const entries = (text: string) => [{ path: 'f.txt', digest, size: text.length }];
    const { version: v0 } = await writer.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries: entries('hello') });
    expect(summary(await other.poll())).toEqual(['artifact p/data']);
    expect(await other.poll()).toEqual({ kind: 'entries', entries: [] });

    await writer.setAlias(v0.id, 'production');
    const run = await writer.createRun({ id: 'r1' as never, project: 'p', name: 'train', jobType: 'train', inputs: [v0.id] });
    await writer.updateRun(run.id, { state: 'finished' });
    await writer.removeAlias(v0.artifactId, 'production');
    await writer.deleteVersion(v0.id);
    expect(summary(await other.poll())).toEqual(['artifact p/data', 'run r1', 'run r1', 'artifact p/data', 'deleted p/data:v0']);
    expect(await own.poll()).toEqual({ kind: 'entries', entries: [] });
  });
});

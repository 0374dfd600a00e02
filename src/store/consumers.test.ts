import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { md5Base64 } from '../domain/digest';
import type { RunId } from '../domain/types';
import type { ArtifactStore } from './artifact-store';
import { listConsumers } from './consumers';
import { openFolderStore } from './folder/open-folder-store';
import { createMemoryStore } from './memory-store';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function usedTwice(store: ArtifactStore) {
  const bytes = new TextEncoder().encode('rows');
  const digest = await md5Base64(bytes);
  await store.putBlobs([{ digest, blob: new Blob([bytes]) }]);
  const { version } = await store.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries: [{ path: 'a.csv', digest, size: 4 }] });
  await store.createRun({ id: 'early' as RunId, project: 'p', name: 'prep', jobType: 'data-prep', startedAt: 1_000, inputs: [version.id] });
  await store.createRun({ id: 'late' as RunId, project: 'p', name: 'train', jobType: 'train', startedAt: 2_000, inputs: [version.id] });
  await store.createRun({ id: 'other' as RunId, project: 'p', name: 'idle', jobType: 'train', startedAt: 3_000 });
  return version.id;
}

describe('listConsumers', () => {
  it('lists the runs that used a version, newest first, from the runs (memory) and from the used-by markers (S3 logic)', async () => {
    const memory = createMemoryStore();
    expect((await listConsumers(memory, await usedTwice(memory))).map((r) => r.id)).toEqual(['late', 'early']);
    const root = await mkdtemp(join(tmpdir(), 'consumers-'));
    roots.push(root);
    const folder = await openFolderStore(root, { durable: false });
    expect((await listConsumers(folder, await usedTwice(folder))).map((r) => r.id)).toEqual(['late', 'early']);
  });
});

/**
 * The store contract on the folder store (the S3 store logic over files), and what only a
 * folder has: a missing folder is created, a read-only one refuses writes.
 */
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import { AppError } from '../../domain/errors';
import { runStoreContract } from '../contract';
import { openFolderStore } from './open-folder-store';

const MiB = 1024 * 1024;
const roots: string[] = [];

async function freshRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'folder-store-'));
  roots.push(root);
  return root;
}

afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

// Small large-object threshold, so the contract's 9 MiB and 20 MiB blobs take the streamed path.
runStoreContract('folder', async (options) =>
  openFolderStore(await freshRoot(), { now: options.now, testHooks: options.testHooks, multipartThreshold: 6 * MiB, partSize: 5 * MiB, durable: false }),
);

describe('folder store', () => {
  it('creates a missing folder and writes the S3 layout into it, with no temporary or lock file left', async () => {
    const root = join(await freshRoot(), 'nested', 'store');
    const store = await openFolderStore(root);
    const bytes = new TextEncoder().encode('hello');
    const digest = await md5Base64(bytes);
    await store.putBlobs([{ digest, blob: new Blob([bytes]) }]);
    const { version } = await store.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries: [{ path: 'file1.txt', digest, size: 5 }], aliases: ['prod'] });
    expect(version.digest).toBe('a00c2239f036fb656c1dcbf9a32d89b4');
    expect(await readdir(join(root, 'blobs', 'md5'))).toEqual(['5d41402abc4b2a76b9719d911017c592']);
    expect(await readdir(join(root, 'projects', 'p', 'artifacts', 'data', 'versions'))).toEqual(['v0.json']);
    expect(await readdir(join(root, '.folder-store', 'tmp'))).toEqual([]);
    expect(await readdir(join(root, '.folder-store', 'locks'))).toEqual([]);
    expect(store.label).toBe(`folder ${root}`);
    store.close();
  });

  it('opens read-only: reads what is there and refuses writes with a clear error', async () => {
    const root = await freshRoot();
    const writer = await openFolderStore(root);
    await writer.ensureProject('p');
    const reader = await openFolderStore(root, { readOnly: true });
    expect((await reader.listProjects()).map((p) => p.name)).toEqual(['p']);
    const error = await reader.ensureProject('q').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('read-only');
    expect((error as AppError).message).toMatch(/read-only/);
  });

  it('removes temporary files a dead writer left behind an hour ago, and only those', async () => {
    const root = await freshRoot();
    await openFolderStore(root);
    const tmp = join(root, '.folder-store', 'tmp');
    await writeFile(join(tmp, 'left-by-a-crash'), 'half');
    await writeFile(join(tmp, 'being-written'), 'half');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(join(tmp, 'left-by-a-crash'), old, old);
    await openFolderStore(root, { readOnly: true });
    expect((await readdir(tmp)).sort()).toEqual(['being-written', 'left-by-a-crash']);
    await openFolderStore(root);
    expect(await readdir(tmp)).toEqual(['being-written']);
  });

  it('refuses a missing folder when read-only, and a path that is a file', async () => {
    const root = await freshRoot();
    await expect(openFolderStore(join(root, 'missing'), { readOnly: true })).rejects.toMatchObject({ code: 'not-found' });
    await writeFile(join(root, 'file'), 'x');
    await expect(openFolderStore(join(root, 'file'))).rejects.toMatchObject({ code: 'invalid-config' });
  });
});

/**
 * The browser's read-only folder store over a directory handle, here a handle backed by the
 * real folder the Node store wrote: it reads the same store, and refuses every write.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import { artifactIdOf, versionIdOf } from '../../domain/types';
import type { DirectoryHandleLike } from './directory-handle-client';
import { openFolderStore } from './open-folder-store';
import { openPickedFolderStore } from './open-picked-folder-store';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

const notFound = () => new DOMException('A requested file or directory could not be found.', 'NotFoundError');

/** What showDirectoryPicker hands over, over a real directory. */
function handleOf(path: string, name = path.split('/').pop() ?? ''): DirectoryHandleLike {
  return {
    kind: 'directory',
    name,
    getDirectoryHandle: async (child) => {
      const info = await stat(join(path, child)).catch(() => null);
      if (info === null || !info.isDirectory()) throw notFound();
      return handleOf(join(path, child), child);
    },
    getFileHandle: async (child) => {
      const info = await stat(join(path, child)).catch(() => null);
      if (info === null || !info.isFile()) throw notFound();
      return { getFile: async () => new File([await readFile(join(path, child))], child, { lastModified: info.mtimeMs }) };
    },
    values: async function* () {
      for (const entry of await readdir(path, { withFileTypes: true })) yield { kind: entry.isDirectory() ? 'directory' : 'file', name: entry.name };
    },
  };
}

describe('openPickedFolderStore', () => {
  it('reads what the Node folder store wrote (versions, aliases, runs, blobs) and refuses writes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'picked-folder-'));
    roots.push(root);
    const writer = await openFolderStore(root, { durable: false });
    const bytes = new TextEncoder().encode('weights');
    const digest = await md5Base64(bytes);
    await writer.putBlobs([{ digest, blob: new Blob([bytes]) }]);
    const run = await writer.createRun({ project: 'demo', name: 'train', jobType: 'train' });
    await writer.commitVersion({ project: 'demo', artifactName: 'model', type: 'model', entries: [{ path: 'model.bin', digest, size: 7 }], aliases: ['prod'], producedBy: run.id });

    const reader = await openPickedFolderStore(handleOf(root));
    expect(reader.readOnly).toBe(true);
    expect(reader.label).toMatch(/^folder picked-folder-.* \(read-only\)$/);
    expect(await reader.listVersions(artifactIdOf('demo', 'model'))).toEqual(await writer.listVersions(artifactIdOf('demo', 'model')));
    expect(await reader.listRuns('demo')).toEqual(await writer.listRuns('demo'));
    expect(await (await reader.readBlob(digest)).text()).toBe('weights');
    expect(await reader.checkIntegrity()).toEqual({ ok: true, problems: [] });
    await expect(reader.setAlias(versionIdOf('demo', 'model', 0), 'staging')).rejects.toMatchObject({ code: 'read-only' });
    await expect(reader.ensureProject('other')).rejects.toMatchObject({ code: 'read-only' });
  });

  it('refuses a folder that is not a folder store, saying which folder to pick', async () => {
    const root = await mkdtemp(join(tmpdir(), 'not-a-store-'));
    roots.push(root);
    await expect(openPickedFolderStore(handleOf(root))).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/--store/) as unknown });
  });
});

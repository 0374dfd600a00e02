import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ingestVersion } from '../ingest/ingest-version';
import { createMemoryStore } from '../memory-store';
import { downloadVersion } from './download-version';
import { hashFiles, listFolder } from './local-folder';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'as-get-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function logFolder(files: Record<string, string>) {
  const source = join(dir, 'source');
  for (const [path, text] of Object.entries(files)) {
    await writeFile(join(source, path), text).catch(async () => {
      await import('node:fs/promises').then((fs) => fs.mkdir(join(source, path, '..'), { recursive: true }));
      await writeFile(join(source, path), text);
    });
  }
  const store = createMemoryStore();
  const { entries, blobs } = await hashFiles(await listFolder(source));
  const input = { project: 'p', artifactName: 'animals', type: 'dataset', description: '', metadata: {}, tags: [], aliases: [], entries, blobs, run: null };
  const { version } = await ingestVersion(store, input);
  return { store, entries: await store.readManifest(version.id) };
}

describe('downloadVersion', () => {
  it('fetches every file verified, then nothing on a second run; the record spares re-reading, --verify hashes again', async () => {
    const { store, entries } = await logFolder({ 'cat.png': 'cat', 'dog.png': 'dog', 'sub/bird.png': 'bird' });
    const root = join(dir, 'out');
    const recordFile = join(dir, 'home', 'record.json');
    const read = vi.spyOn(store, 'readBlob');
    expect(await downloadVersion(store, entries, root, { recordFile })).toMatchObject({ files: 3, fetched: 3, kept: 0 });
    expect(await readFile(join(root, 'sub/bird.png'), 'utf8')).toBe('bird');
    read.mockClear();

    expect(await downloadVersion(store, entries, root, { recordFile })).toMatchObject({ files: 3, fetched: 0, kept: 3 });
    expect(read).not.toHaveBeenCalled();

    // Same size and mtime as recorded, other bytes: the record vouches (as git's index does); --verify catches it.
    const cat = join(root, 'cat.png');
    const second = 1_700_000_000;
    await utimes(cat, second, second);
    expect(await downloadVersion(store, entries, root, { recordFile })).toMatchObject({ fetched: 0 });
    await writeFile(cat, 'cow');
    await utimes(cat, second, second);
    expect(await downloadVersion(store, entries, root, { recordFile })).toMatchObject({ fetched: 0 });
    expect(await downloadVersion(store, entries, root, { recordFile, verify: true })).toMatchObject({ fetched: 1, kept: 2 });
    expect(await readFile(cat, 'utf8')).toBe('cat');
  });

  it('fetches only a changed file, and only the folders asked for', async () => {
    const { store, entries } = await logFolder({ 'a/1.txt': 'one', 'a/2.txt': 'two', 'b/3.txt': 'three' });
    const root = join(dir, 'out');
    expect(await downloadVersion(store, entries, root, { paths: ['a'] })).toMatchObject({ files: 2, fetched: 2 });
    await writeFile(join(root, 'a/2.txt'), 'TWO!');
    expect(await downloadVersion(store, entries, root)).toMatchObject({ files: 3, fetched: 2, kept: 1 });
    expect(await readFile(join(root, 'a/2.txt'), 'utf8')).toBe('two');
  });
});

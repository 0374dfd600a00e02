/**
 * The bundled CLI on local folder stores: the default one (ARTIFACT_STUDIO_HOME/store, no --store
 * and no ARTIFACT_STUDIO_STORE) and one named with --store.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openFolderStore } from '../store/folder/open-folder-store';
import { startCli } from './cli-test-env';

vi.setConfig({ testTimeout: 60_000 });

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'as-cli-folder-'));
  await mkdir(join(dir, 'images'));
  await writeFile(join(dir, 'images', 'cat.png'), 'cat');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const cli = (args: readonly string[]) =>
  startCli(args, { PATH: process.env['PATH'], HOME: join(dir, 'home'), ARTIFACT_STUDIO_HOME: join(dir, 'as-home') }, dir).done;

describe('artifact-studio CLI on a folder store', () => {
  it('uses ARTIFACT_STUDIO_HOME/store when no store is given: put, identical put, get', async () => {
    expect(await cli(['put', 'images', '--name', 'animals', '--type', 'dataset'])).toMatchObject({ code: 0, stdout: 'uncategorized/animals:v0\n' });
    const again = await cli(['put', 'images', '--name', 'animals', '--type', 'dataset']);
    expect(again.stdout).toContain('identical to v0: no new version');
    expect(await cli(['get', 'animals:latest', '--root', 'out'])).toMatchObject({ code: 0 });
    expect(await readFile(join(dir, 'out', 'cat.png'), 'utf8')).toBe('cat');

    const store = await openFolderStore(join(dir, 'as-home', 'store'), { readOnly: true });
    expect((await store.listVersions('uncategorized/animals' as never)).map((v) => v.id)).toEqual(['uncategorized/animals:v0']);
    store.close();
  });

  it('writes to the folder given with --store', async () => {
    expect((await cli(['--store', 'team-store', 'put', 'images', '--name', 'cv/animals', '--type', 'dataset'])).code).toBe(0);
    const listed = await cli(['--store', join(dir, 'team-store'), 'ls', 'cv']);
    expect(listed.stdout).toMatch(/^cv\/animals\tdataset\t1 versions/);
    expect((await cli(['ls', 'cv'])).stdout).toBe('');
  });
});

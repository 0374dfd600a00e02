/**
 * Several CLI processes on one machine committing to one artifact of one folder store at once:
 * real OS processes (node running a bundle of folder-commit-worker.ts), not store instances in
 * one process, so only the file system's exclusive create, locks and renames keep them apart.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactIdOf, versionIdOf } from '../../domain/types';
import { openFolderStore } from './open-folder-store';

const WRITERS = 4;
const COMMITS = 5;
const run = promisify(execFile);
let work: string;
let worker: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'folder-processes-'));
  worker = join(work, 'bundle', 'worker.mjs');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: work,
    ssr: { noExternal: true },
    build: {
      ssr: join(import.meta.dirname, 'folder-commit-worker.ts'),
      outDir: join(work, 'bundle'),
      minify: false,
      rollupOptions: { output: { format: 'esm', entryFileNames: 'worker.mjs' } },
    },
  });
}, 60_000);

afterAll(() => rm(work, { recursive: true, force: true }));

describe('folder store shared by processes', () => {
  it(`${WRITERS} node processes commit to one artifact at once: indices unique and contiguous, every version readable, integrity clean`, async () => {
    const root = join(work, 'store');
    const startAt = Date.now() + 1_500; // every process is up before the first commit
    const outputs = await Promise.all(
      Array.from({ length: WRITERS }, (_, writer) => run(process.execPath, [worker, root, String(writer), String(COMMITS), String(startAt)], { timeout: 60_000 })),
    );
    const reports = outputs.map(({ stdout }) => JSON.parse(stdout.trim()) as { writer: number; indices: number[] });
    const all = reports.flatMap((r) => r.indices).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: WRITERS * COMMITS }, (_, i) => i));

    const store = await openFolderStore(root, { readOnly: true });
    for (const { writer, indices } of reports) {
      for (const [commit, index] of indices.entries()) {
        const entries = await store.readManifest(versionIdOf('proj', 'shared', index));
        const own = entries.find((e) => e.path === 'own.txt');
        expect(own, `v${index}`).toBeDefined();
        expect(await (await store.readBlob(own?.digest ?? '')).text()).toBe(`writer ${writer} commit ${commit}`);
      }
      const last = indices[indices.length - 1];
      expect((await store.resolveVersion(artifactIdOf('proj', 'shared'), `w${writer}`)).index).toBe(last);
    }
    expect((await store.resolveVersion(artifactIdOf('proj', 'shared'), 'latest')).index).toBe(WRITERS * COMMITS - 1);
    expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  }, 120_000);
});

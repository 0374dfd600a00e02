import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CLI_BIN, ensureBuiltCli } from '../src/test/built-cli';
import { expect, test } from './fixtures/test';
import { fillOpfsFolder } from './fixtures/opfs-folder';

/** Every file of a folder store, by path, base64 (its own temp and lock directories left out). */
function filesOf(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(root, join(entry.parentPath, entry.name)).split('\\').join('/');
    if (path.startsWith('.folder-store/tmp/') || path.startsWith('.folder-store/locks/')) continue;
    out[path] = readFileSync(join(root, path)).toString('base64');
  }
  return out;
}

/** The real CLI (bin/artifact-studio.mjs, as a user runs it) on the folder store `root`; its --json answer. */
function cli(root: string, cwd: string, args: readonly string[]): Record<string, unknown> {
  const result = spawnSync(process.execPath, [CLI_BIN, '--json', '--store', root, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: join(cwd, 'home'), ARTIFACT_STUDIO_HOME: join(cwd, 'as-home') },
  });
  if (result.status !== 0) throw new Error(`artifact-studio ${args.join(' ')} exited ${String(result.status)}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

test('a folder store the CLI wrote (an artifact, a run that used it and logged a model) opens read-only from the store switcher and shows its artifacts and lineage', async ({ page, browse }) => {
  // Four CLI processes (and a build of the CLI when its sources changed) before the browser part.
  test.setTimeout(180_000);
  // What the CLI does with --store pointing at a folder: write a folder store on this machine.
  ensureBuiltCli();
  const work = mkdtempSync(join(tmpdir(), 'e2e-folder-store-'));
  const root = join(work, 'store');
  mkdirSync(join(work, 'raw', 'labels'), { recursive: true });
  writeFileSync(join(work, 'raw', 'train.csv'), 'x,y\n1,2\n');
  writeFileSync(join(work, 'raw', 'labels', 'cats.txt'), 'cat\n');
  const raw = cli(root, work, ['put', 'raw', '--name', 'demo/raw-data', '--type', 'dataset']);
  expect(raw['version']).toBe('demo/raw-data:v0');
  // A training step with no code change: it reads its input folder and writes the model.
  const train = "const fs=require('fs');fs.mkdirSync('out');fs.writeFileSync('out/model.bin','weights from '+fs.readdirSync(process.env.ARTIFACT_STUDIO_INPUT_RAW_DATA).sort().join(','));";
  const trained = cli(root, work, [
    '--project', 'demo', 'run', '--name', 'train-cnn', '--job-type', 'train', '--use', 'raw-data:latest', '--log', 'model:model=out', '--alias', 'prod', '--', process.execPath, '-e', train,
  ]);
  const run = trained['run'] as { id: string; state: string };
  expect(run.state).toBe('finished');
  expect(trained['outputs']).toEqual(['demo/model:v0']);
  const model = cli(root, work, ['get', 'demo/model:prod', '--root', 'got']);
  expect(readFileSync(join(work, 'got', 'model.bin'), 'utf8')).toBe('weights from labels,train.csv');
  const files = filesOf(root);
  rmSync(work, { recursive: true, force: true });

  await browse.openEmptyApp();
  // The picker answers with a folder of the origin private file system holding a copy of the store.
  await fillOpfsFolder(page, 'team-store', files);
  await page.evaluate(() => {
    type PickerWindow = { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> };
    (window as unknown as PickerWindow).showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('team-store');
  });

  await page.getByRole('button', { name: 'Open folder store…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opened folder team-store (read-only)' })).toBeVisible();
  await expect(page.getByText('read-only', { exact: true })).toHaveAttribute('title', /write to them with the artifact-studio CLI/);
  await expect(page.getByRole('combobox', { name: 'Switch store' })).toHaveValue(/^folder:team-store:/);

  await page.getByRole('link', { name: 'demo' }).click();
  await browse.openArtifactFromSidebar('model');
  await browse.openVersionFromSidebar('model', 'v0');
  expect(await browse.digest()).toBe(model['digest']);
  expect(await browse.aliases()).toEqual(expect.arrayContaining(['prod']));
  await browse.openArtifactFromSidebar('raw-data');
  await browse.openVersionFromSidebar('raw-data', 'v0');
  expect(await browse.digest()).toBe(raw['digest']);

  await page.getByRole('link', { name: 'Lineage', exact: true }).click();
  const graph = page.getByRole('region', { name: 'Lineage graph' });
  const rawId = 'demo/raw-data:v0';
  const modelId = 'demo/model:v0';
  await expect(graph.getByTestId(`lineage-node-${rawId}`)).toBeVisible();
  await expect(graph.getByTestId(`lineage-node-${modelId}`)).toBeVisible();
  await expect(graph.getByTestId(`lineage-node-run:${run.id}`)).toContainText('train-cnn');
  await expect(graph.getByTestId(`lineage-edge-${rawId}->run:${run.id}`)).toBeAttached();
  await expect(graph.getByTestId(`lineage-edge-run:${run.id}->${modelId}`)).toBeAttached();

  // Closing the folder goes back to this browser's store.
  await page.getByRole('button', { name: 'Close folder' }).click();
  await expect(page.getByRole('button', { name: 'Open folder store…' })).toBeVisible();
});

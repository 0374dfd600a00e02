import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, test } from './fixtures/test';
import { md5Base64 } from '../src/domain/digest';
import { versionIdOf } from '../src/domain/types';
import { openFolderStore } from '../src/store/folder/open-folder-store';
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

async function stage(store: Awaited<ReturnType<typeof openFolderStore>>, files: Record<string, string>) {
  const entries = [];
  for (const [path, content] of Object.entries(files)) {
    const bytes = new TextEncoder().encode(content);
    const digest = await md5Base64(bytes);
    await store.putBlobs([{ digest, blob: new Blob([bytes]) }]);
    entries.push({ path, digest, size: bytes.length });
  }
  return entries;
}

test('a folder store written from code (two artifacts and the run between them) opens read-only from the store switcher and shows its artifacts and lineage', async ({ page, browse }) => {
  // What the CLI and SDK do with no store given: write a folder store on this machine.
  const root = mkdtempSync(join(tmpdir(), 'e2e-folder-store-'));
  const store = await openFolderStore(root);
  const raw = await store.commitVersion({ project: 'demo', artifactName: 'raw-data', type: 'dataset', entries: await stage(store, { 'train.csv': 'x,y\n1,2\n', 'labels/cats.txt': 'cat\n' }) });
  const run = await store.createRun({ project: 'demo', name: 'train-cnn', jobType: 'train', inputs: [versionIdOf('demo', 'raw-data', 0)] });
  const model = await store.commitVersion({
    project: 'demo',
    artifactName: 'model',
    type: 'model',
    entries: await stage(store, { 'model.bin': 'weights' }),
    aliases: ['prod'],
    producedBy: run.id,
  });
  store.close();
  const files = filesOf(root);
  rmSync(root, { recursive: true, force: true });

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
  expect(await browse.digest()).toBe(model.version.digest);
  expect(await browse.aliases()).toEqual(expect.arrayContaining(['prod']));
  await browse.openArtifactFromSidebar('raw-data');
  await browse.openVersionFromSidebar('raw-data', 'v0');
  expect(await browse.digest()).toBe(raw.version.digest);

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

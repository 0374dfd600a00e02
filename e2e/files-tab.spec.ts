// The Files tab of a version: previews, deep links, the zip download and Verify.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { exampleFiles } from './fixtures/example-files';
import { expect, test } from './fixtures/test';
import { entryDigest } from './fixtures/upload-page';

// No native save dialog in tests: zips take the download fallback (a Blob + <a download>).
test.use({ nativeSaveDialog: false });

test.beforeEach(async ({ browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
});

function filesUnder(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(root, path).split('\\').join('/'), readFileSync(path));
    }
  };
  walk(root);
  return out;
}

test('Files tab: tree, previews of CSV, JSON, Markdown and PNG, and a deep link that survives reload and back', async ({
  page,
  browse,
}) => {
  await browse.openFiles('tabular-data', 'v1');

  const tree = page.getByRole('tree', { name: 'Files' });
  await expect(tree.getByRole('treeitem', { name: 'Folder images' })).toBeVisible();
  await tree.getByRole('treeitem', { name: 'train.csv' }).click();
  await expect(page).toHaveURL(/tab=files&path=train\.csv$/);
  const preview = page.getByRole('region', { name: 'File preview' });
  const table = preview.getByRole('table', { name: 'Table preview' });
  await expect(table.getByRole('columnheader').first()).toBeVisible();
  expect(await table.getByRole('row').count()).toBeGreaterThan(10);

  // Markdown is rendered (a heading), not shown as source.
  await tree.getByRole('treeitem', { name: 'README.md' }).click();
  await expect(preview.getByRole('heading', { name: 'tabular-data' })).toBeVisible();

  // PNG: the folder opens, the image decodes.
  await tree.getByRole('treeitem', { name: 'Folder images' }).click();
  await tree.getByRole('treeitem', { name: 'images/label-balance.png' }).click();
  const img = preview.getByRole('img', { name: 'images/label-balance.png' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);

  // Deep link reload: the same file is previewed, its folder open.
  await page.reload();
  await expect(page.getByRole('region', { name: 'File preview' }).getByRole('img', { name: 'images/label-balance.png' })).toBeVisible();
  await expect(page.getByRole('treeitem', { name: 'images/label-balance.png' })).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  await expect(page).toHaveURL(/path=README\.md$/);
  await expect(page.getByRole('region', { name: 'File preview' }).getByRole('heading', { name: 'tabular-data' })).toBeVisible();

  // JSON is pretty-printed.
  await browse.openFiles('classifier', 'v1', 'metrics.json');
  const json = page.getByRole('region', { name: 'File preview' }).getByLabel('JSON');
  await expect(json).toContainText('"accuracy": 0.871');
  expect(await json.textContent()).toContain('\n  "');
});

test('download the version as a zip: every file is there with its digest', async ({ page, browse }) => {
  await browse.openFiles('tabular-data', 'v1');

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download zip' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('tabular-data-v1.zip');
  const dir = mkdtempSync(join(tmpdir(), 'zip-'));
  const zipPath = join(dir, 'v.zip');
  await download.saveAs(zipPath);
  const out = join(dir, 'out');
  execFileSync('unzip', ['-q', zipPath, '-d', out]);

  await page.getByRole('treeitem', { name: 'train.csv' }).click();
  await page.screenshot({ path: test.info().outputPath('files.png') });
  const extracted = filesUnder(out);
  const expected = exampleFiles('tabular-data@1');
  expect([...extracted.keys()].sort()).toEqual(expected.map((f) => f.path).sort());
  for (const file of expected) expect(entryDigest(extracted.get(file.path) ?? new Uint8Array())).toBe(file.md5);
});

test('verify reports a tampered blob by path', async ({ page, browse }) => {
  await browse.openFiles('tabular-data', 'v1');

  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('dialog', { name: 'Verify stored files' }).getByRole('status')).toContainText(
    'All 7 stored files match the manifest.',
  );
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  // Flip one byte of train.csv's stored bytes, same length (see src/store/idb/schema.ts: blobChunks).
  const target = exampleFiles('tabular-data@1').find((f) => f.path === 'train.csv');
  if (!target) throw new Error('no train.csv');
  await page.evaluate(async (digest) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('artifact-studio');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    const tx = db.transaction('blobChunks', 'readwrite');
    const chunks = tx.objectStore('blobChunks');
    const record = await new Promise<{ data: ArrayBuffer }>((resolve, reject) => {
      const get = chunks.get([digest, 0]);
      get.onsuccess = () => resolve(get.result as { data: ArrayBuffer });
      get.onerror = () => reject(new Error(String(get.error)));
    });
    const bytes = new Uint8Array(record.data.slice(0));
    bytes[10] = (bytes[10] ?? 0) ^ 0xff;
    chunks.put({ ...record, data: bytes.buffer });
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(new Error(String(tx.error)));
    });
    db.close();
  }, target.md5);

  await page.getByRole('button', { name: 'Verify' }).click();
  const problems = page.getByRole('dialog').getByRole('list', { name: 'Verification problems' });
  await expect(problems.getByRole('listitem')).toHaveCount(1);
  await expect(problems).toContainText(`wrong bytes train.csv: expected ${target.md5}`);
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('1 damaged of 7 stored files: 1 wrong bytes.');
});

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { BrowsePage } from './fixtures/browse-page';
import { exampleArtifactDigest } from './fixtures/example-digests';
import { exampleFiles } from './fixtures/example-files';

const test = base.extend<{ browse: BrowsePage }>({
  browse: async ({ page }, provide) => {
    // No native save dialog in tests: the zip takes the download fallback (a Blob + <a download>).
    await page.addInitScript(() => {
      Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });
    });
    await provide(new BrowsePage(page));
  },
});

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('base64');

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

async function openFiles(page: Page, artifact: string, ref: string, path?: string) {
  await page.goto(`/p/example/a/${artifact}/v/${ref}?tab=files${path ? `&path=${encodeURIComponent(path)}` : ''}`);
  await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
}

test('Files tab: tree, previews of CSV, JSON, Markdown and PNG, and a deep link that survives reload and back', async ({
  page,
  browse,
}) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await openFiles(page, 'tabular-data', 'v1');

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
  await openFiles(page, 'classifier', 'v1', 'metrics.json');
  const json = page.getByRole('region', { name: 'File preview' }).getByLabel('JSON');
  await expect(json).toContainText('"accuracy": 0.871');
  expect(await json.textContent()).toContain('\n  "');
});

test('download the version as a zip: every file is there with its digest', async ({ page, browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await openFiles(page, 'tabular-data', 'v1');

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
  for (const file of expected) expect(md5(extracted.get(file.path) ?? new Uint8Array())).toBe(file.md5);
});

test('verify reports a tampered blob by path', async ({ page, browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await openFiles(page, 'tabular-data', 'v1');

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

test('Usage and Metadata tabs', async ({ page, browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await page.goto('/p/example/a/classifier/v/candidate?tab=usage');
  // This browser's store cannot be reached from code: the tab says so and offers a shared store, with no snippet that would not work.
  const notice = page.getByRole('region', { name: 'Use from code' });
  await expect(notice).toContainText('Code needs a shared store');
  await expect(page.getByLabel('CLI command', { exact: true })).toHaveCount(0);
  await expect(page.getByText('wandb.init')).toHaveCount(0);
  await notice.getByRole('button', { name: 'Connect S3 storage…' }).click();
  const connect = page.getByRole('dialog', { name: 'Connect S3-compatible storage' });
  await expect(connect.getByLabel('Bucket')).toBeVisible();
  await connect.getByRole('button', { name: 'Cancel' }).click();
  await expect(connect).toBeHidden();
  await expect(page.getByLabel('Deep link', { exact: true })).toHaveText(/\/p\/example\/a\/classifier\/v\/v1$/);

  const tabs = page.getByRole('navigation', { name: 'Version sections' });
  await tabs.getByRole('link', { name: 'Metadata' }).click();
  await expect(page).toHaveURL(/tab=metadata$/);
  await expect(page.getByRole('group', { name: 'Metadata tree' })).toBeVisible();

  await page.screenshot({ path: test.info().outputPath('metadata.png') });
  await tabs.getByRole('link', { name: 'Versions' }).click();
  const table = page.getByRole('table', { name: 'All versions' });
  await expect(table.getByRole('row')).toHaveCount(3);
});

test('sidebar filter by alias with keyboard navigation, and the command palette', async ({ page, browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();

  await page.locator('body').press('/');
  const filter = page.getByLabel('Filter artifacts by name, alias or tag');
  await expect(filter).toBeFocused();
  await filter.fill('prod');
  await expect(browse.sidebar.getByRole('link', { name: 'classifier', exact: true })).toBeVisible();
  await expect(browse.sidebar.getByRole('link', { name: 'tabular-data', exact: true })).toHaveCount(0);
  await filter.press('ArrowDown');
  await expect(browse.sidebar.getByRole('link', { name: 'classifier', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown'); // v1 (newest first)
  await page.keyboard.press('ArrowDown'); // v0, which holds "production"
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/p\/example\/a\/classifier\/v\/v0$/);
  await expect(browse.versionHeading('classifier', 'v0')).toBeVisible();

  await filter.fill('churn'); // a tag of tabular-data's versions
  await expect(browse.sidebar.getByRole('link', { name: 'tabular-data', exact: true })).toBeVisible();
  await expect(browse.sidebar.getByRole('link', { name: 'classifier', exact: true })).toHaveCount(0);
  await filter.fill('');

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Go to…' });
  await expect(palette).toBeVisible();
  await palette.getByRole('combobox').fill('candidate');
  await expect(palette.getByRole('option').first()).toContainText('classifier:v1');
  await palette.getByRole('combobox').press('Enter');
  await expect(page).toHaveURL(/\/p\/example\/a\/classifier\/v\/v1$/);
  await expect(browse.versionHeading('classifier', 'v1')).toBeVisible();
  await expect(page).toHaveTitle(/classifier:v1/);

  await page.keyboard.press('Control+k');
  await page.getByRole('dialog', { name: 'Go to…' }).getByRole('combobox').fill('eval-report');
  await page.getByRole('dialog', { name: 'Go to…' }).getByRole('combobox').press('Enter');
  await expect(page).toHaveURL(/\/p\/example\/a\/eval-report$/);
});

async function exportManifest(page: Page, dir: string): Promise<string> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export manifest' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('wandb_manifest.json');
  const path = join(dir, 'wandb_manifest.json');
  await download.saveAs(path);
  return readFileSync(path, 'utf8');
}

function writeFiles(dir: string, files: readonly { path: string; bytes: Uint8Array }[]) {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.bytes);
  }
}

/** Imports a folder (`from: 'Folder'`) or a zip file (`from: 'Or a zip file'`) through the dialog. */
async function importManifest(page: Page, from: 'Folder' | 'Or a zip file', path: string, artifact: string) {
  await page.getByRole('button', { name: 'Import manifest…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a manifest' });
  await dialog.getByLabel('Into artifact').fill(artifact);
  await dialog.getByLabel(from, { exact: true }).setInputFiles(path);
  await dialog.getByRole('button', { name: 'Import' }).click();
  return dialog;
}

test('manifest export → import round trip gives the same digest; a bad digest is refused with the list', async ({
  page,
  browse,
}) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await openFiles(page, 'classifier', 'v1');

  const dir = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'export');
  mkdirSync(dir);
  const manifest = JSON.parse(await exportManifest(page, dir)) as { version: number; contents: Record<string, { digest: string }> };
  const files = exampleFiles('classifier@1');
  expect(manifest.version).toBe(1);
  expect(Object.keys(manifest.contents).sort()).toEqual(files.map((f) => f.path).sort());
  for (const file of files) expect(manifest.contents[file.path]?.digest).toBe(file.md5);
  writeFiles(dir, files);

  // A copy whose one digest is wrong (and one file missing) is refused, naming both.
  const badDir = join(dirname(dir), 'bad');
  mkdirSync(badDir);
  const bad = structuredClone(manifest);
  const [first, second] = files;
  if (!first || !second || !bad.contents[first.path]) throw new Error('example too small');
  bad.contents[first.path] = { ...bad.contents[first.path], digest: md5(new TextEncoder().encode('not the file')) };
  writeFileSync(join(badDir, 'wandb_manifest.json'), JSON.stringify(bad));
  writeFiles(badDir, files.filter((f) => f !== second));
  const refused = await importManifest(page, 'Folder', badDir, 'classifier-bad');
  const alert = refused.getByRole('alert', { name: 'Import refused' });
  await expect(alert).toContainText('1 file(s) do not match their digest and 1 are missing');
  await expect(alert).toContainText(`mismatch: "${first.path}"`);
  await expect(alert).toContainText(`missing: "${second.path}"`);
  await refused.getByRole('button', { name: 'Cancel' }).click();

  // The good folder imports as a new artifact whose digest is the original's.
  await importManifest(page, 'Folder', dir, 'classifier-copy');
  await expect(page).toHaveURL(/\/p\/example\/a\/classifier-copy\/v\/v0\?tab=files$/);
  await page.goto('/p/example/a/classifier-copy/v/v0');
  expect(await browse.digest()).toBe(exampleArtifactDigest('classifier@1'));
  await expect(browse.sidebar.getByRole('link', { name: 'classifier-bad', exact: true })).toHaveCount(0);
});

test('import from a .zip (made by the zip CLI, manifest under a top-level folder): same digest, undoable; a tampered file is refused by name', async ({
  page,
  browse,
}) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await openFiles(page, 'classifier', 'v1');

  const root = mkdtempSync(join(tmpdir(), 'zip-import-'));
  const dir = join(root, 'good', 'export');
  mkdirSync(dir, { recursive: true });
  await exportManifest(page, dir);
  const files = exampleFiles('classifier@1');
  writeFiles(dir, files);
  // zip -r stores tiny files and deflates the rest, and adds a folder entry: all three kinds are read.
  execFileSync('zip', ['-q', '-r', join(root, 'good.zip'), 'export'], { cwd: join(root, 'good') });

  const [first] = files;
  if (!first) throw new Error('example too small');
  cpSync(dir, join(root, 'bad', 'export'), { recursive: true });
  writeFileSync(join(root, 'bad', 'export', first.path), 'tampered bytes');
  execFileSync('zip', ['-q', '-r', join(root, 'bad.zip'), 'export'], { cwd: join(root, 'bad') });

  const refused = await importManifest(page, 'Or a zip file', join(root, 'bad.zip'), 'classifier-bad');
  const alert = refused.getByRole('alert', { name: 'Import refused' });
  await expect(alert).toContainText('1 file(s) do not match their digest and 0 are missing');
  await expect(alert).toContainText(`mismatch: "${first.path}"`);
  await expect(alert).toContainText('Nothing was stored.');
  await refused.getByRole('button', { name: 'Cancel' }).click();

  await importManifest(page, 'Or a zip file', join(root, 'good.zip'), 'classifier-zip');
  await expect(page).toHaveURL(/\/p\/example\/a\/classifier-zip\/v\/v0\?tab=files$/);
  const toast = page.getByRole('status').filter({ hasText: 'Imported as classifier-zip:v0' });
  await expect(toast).toBeVisible();
  await page.getByRole('navigation', { name: 'Version sections' }).getByRole('link', { name: 'Overview' }).click();
  expect(await browse.digest()).toBe(exampleArtifactDigest('classifier@1'));
  await expect(browse.sidebar.getByRole('link', { name: 'classifier-bad', exact: true })).toHaveCount(0);

  // Undo removes the imported version and goes back to where the import started.
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Removed classifier-zip:v0' })).toBeVisible();
  await expect(page).toHaveURL(/\/p\/example\/a\/classifier\/v\/v1\?tab=files$/);
});

test('edit description (Markdown, raw HTML shown as text), tags (validated) and metadata in place, with undo', async ({
  page,
  browse,
}) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await page.goto('/p/example/a/classifier/v/v1');
  const details = browse.details;
  const original = (await details.getByLabel('Description text', { exact: true }).textContent()) ?? '';

  await details.getByRole('button', { name: 'Edit description' }).click();
  await details.getByLabel('Description (Markdown)').fill('Tuned **model** <img src=x onerror="window.pwned=1">');
  await details.getByRole('button', { name: 'Save' }).click();
  const description = details.getByLabel('Description text', { exact: true });
  await expect(description.locator('strong')).toHaveText('model');
  await expect(description).toContainText('<img src=x onerror="window.pwned=1">');
  await expect(description.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

  await page.getByRole('status').filter({ hasText: 'Saved the description' }).getByRole('button', { name: 'Undo' }).click();
  await expect(description).toHaveText(original);

  await details.getByRole('button', { name: 'Edit tags' }).click();
  await details.getByLabel('Tags (comma-separated)').fill('good, bad/tag');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByRole('alert')).toContainText('bad/tag');
  await details.getByLabel('Tags (comma-separated)').fill('good, tuned');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText(['good', 'tuned']);

  const metadata = page.getByRole('region', { name: 'Metadata' });
  await metadata.getByRole('button', { name: 'Edit metadata' }).click();
  await metadata.getByLabel('Metadata (JSON)').fill('{"x": Infinity}');
  await metadata.getByRole('button', { name: 'Save' }).click();
  await expect(metadata.getByRole('alert')).toContainText('not valid JSON');
  await metadata.getByLabel('Metadata (JSON)').fill('{"accuracy": 0.9, "notes": "re-scored"}');
  await metadata.getByRole('button', { name: 'Save' }).click();
  await expect(metadata).toContainText('"re-scored"');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Metadata' })).toContainText('"re-scored"');
});

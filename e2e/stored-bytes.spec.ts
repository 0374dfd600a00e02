import { expect, test } from './fixtures/test';
import type { Page } from '@playwright/test';
import { exampleFiles } from './fixtures/example-files';
import { damageStoredCopy } from './fixtures/stored-copy';
import { makeFolder } from './fixtures/upload-page';

// Issue 22 items 2, 3, 4, 12: damaged stored copies are never served, Verify reports each, and they can be healed.

// No native save dialog in tests: zips take the download fallback (a Blob + <a download>).
test.use({ nativeSaveDialog: false });

const files = exampleFiles('tabular-data@1');
const digestOf = (path: string): string => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} in tabular-data@1`);
  return file.md5;
};

async function openFiles(page: Page, path?: string) {
  await page.goto(`/p/example/a/tabular-data/v/v1?tab=files${path ? `&path=${encodeURIComponent(path)}` : ''}`);
  await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
}

test('damaged copies are never served: preview, download and zip name the file; Verify lists every one and repairs them from a folder', async ({ page, browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await openFiles(page);
  await damageStoredCopy(page, digestOf('README.md'), 'flip');
  await damageStoredCopy(page, digestOf('train.csv'), 'truncate');
  await damageStoredCopy(page, digestOf('val.csv'), 'remove');

  await openFiles(page, 'README.md');
  const preview = page.getByRole('region', { name: 'File preview' });
  await expect(preview.getByRole('alert')).toContainText('The stored copy of "README.md" is damaged');
  await expect(preview.getByRole('heading', { name: 'tabular-data' })).toHaveCount(0);

  await preview.getByRole('button', { name: 'Download' }).click();
  await expect(page.getByText('Could not download README.md')).toBeVisible();
  await expect(page.getByText(/"README\.md" is damaged/).last()).toBeVisible();

  await page.getByRole('button', { name: 'Download zip' }).click();
  const zipError = page.getByText('The zip download failed').locator('..');
  await expect(zipError).toContainText('"README.md" is damaged');
  await expect(zipError).not.toContainText('Failed to fetch');

  await page.getByRole('button', { name: 'Verify' }).click();
  const dialog = page.getByRole('dialog', { name: 'Verify stored files' });
  const problems = dialog.getByRole('list', { name: 'Verification problems' });
  await expect(problems.getByRole('listitem')).toHaveCount(3);
  await expect(problems.getByRole('listitem').nth(0)).toContainText('wrong bytes README.md');
  await expect(problems.getByRole('listitem').nth(1)).toContainText('truncated train.csv');
  await expect(problems.getByRole('listitem').nth(2)).toContainText('missing val.csv');
  await expect(dialog.getByRole('alert').first()).toContainText('3 damaged of 7 stored files: 1 wrong bytes, 1 missing, 1 truncated.');

  const folder = makeFolder('tabular-data', Object.fromEntries(files.map((f) => [f.path, Buffer.from(f.bytes)])));
  await dialog.getByLabel('Choose a folder to repair from').setInputFiles(folder);
  await expect(dialog.getByRole('status', { name: 'Repair report' })).toContainText('Repaired 3 files from the folder: README.md, train.csv, val.csv');
  await expect(dialog.getByText('All 7 stored files match the manifest.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(preview.getByRole('heading', { name: 'tabular-data' })).toBeVisible();
});

test('uploading the original file again heals a damaged stored copy', async ({ page, browse, upload }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await openFiles(page, 'README.md');
  await damageStoredCopy(page, digestOf('README.md'), 'flip');
  await page.reload();
  await expect(page.getByRole('region', { name: 'File preview' }).getByRole('alert')).toContainText('is damaged');

  const readme = files.find((f) => f.path === 'README.md');
  await page.goto('/p/example');
  await upload.dropFiles({ 'README.md': Buffer.from(readme?.bytes ?? new Uint8Array()).toString('utf8') });
  await upload.field('Artifact name').fill('readme-again');
  await upload.commit();
  await expect(page).toHaveURL(/\/a\/readme-again\/v\/v0$/);

  await openFiles(page, 'README.md');
  await expect(page.getByRole('region', { name: 'File preview' }).getByRole('heading', { name: 'tabular-data' })).toBeVisible();
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('dialog').getByText('All 7 stored files match the manifest.')).toBeVisible();
});

test('a database deleted under the app is reported as deleted, not as an update', async ({ page, browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await page.evaluate(() => {
    indexedDB.deleteDatabase('artifact-studio');
  });
  await expect(page.getByText("Artifact Studio's stored data was deleted")).toBeVisible();
  await expect(page.getByText('updated in another tab')).toHaveCount(0);
});

test('"Check store…" runs the store-wide integrity check and lists its findings by artifact', async ({ page, browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await page.getByRole('button', { name: 'Check store…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Check store integrity' });
  await expect(dialog.getByRole('status')).toHaveText('No problems found.');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await damageStoredCopy(page, digestOf('val.csv'), 'remove');
  await page.getByRole('button', { name: 'Check store…' }).click();
  await expect(dialog.getByRole('alert')).toContainText('problem');
  await expect(dialog.getByRole('region', { name: 'example/tabular-data' })).toContainText(`"val.csv" needs blob ${digestOf('val.csv')}, which is missing`);
});

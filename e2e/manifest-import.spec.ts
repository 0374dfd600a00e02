// A version's manifest exported, then imported back from a folder or a zip: same digest, bad copies refused.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { exampleArtifactDigest } from './fixtures/example-digests';
import { exampleFiles } from './fixtures/example-files';
import { expect, test } from './fixtures/test';
import { entryDigest } from './fixtures/upload-page';

// No native save dialog in tests: zips take the download fallback (a Blob + <a download>).
test.use({ nativeSaveDialog: false });

test.beforeEach(async ({ browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await browse.openFiles('classifier', 'v1');
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
  bad.contents[first.path] = { ...bad.contents[first.path], digest: entryDigest(new TextEncoder().encode('not the file')) };
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

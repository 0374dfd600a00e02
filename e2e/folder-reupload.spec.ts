import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { BrowsePage } from './fixtures/browse-page';
import { expect, test } from './fixtures/test';
import type { UploadPage } from './fixtures/upload-page';
import { artifactDigestOf } from './fixtures/upload-page';

/** Every file under `root`, by its path relative to it, as the bytes on disk now. */
function readFolder(root: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) visit(full);
      else files[relative(root, full).split('\\').join('/')] = readFileSync(full);
    }
  };
  visit(root);
  return files;
}

/** A real folder: the app's own screenshots, docs and config, in a few sub-folders. */
function copyRealFolder(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'reupload-e2e-')), 'dataset');
  const copy = (from: string, to: string) => {
    mkdirSync(dirname(join(root, to)), { recursive: true });
    cpSync(from, join(root, to));
  };
  for (const png of ['compare-light.png', 'files-light.png', 'lineage-dark.png', 'version-light.png']) copy(join('docs/screens', png), `images/${png}`);
  copy('README.md', 'docs/README.md');
  copy('RELIABILITY.md', 'docs/RELIABILITY.md');
  copy('package.json', 'config/package.json');
  copy('tsconfig.json', 'config/tsconfig.json');
  return root;
}

/** Picks `dir` with "Upload folder" on the project page and commits it as v0 of `dataset`. */
async function commitV0(upload: UploadPage, browse: BrowsePage, dir: string): Promise<void> {
  await upload.chooseFolder(dir);
  await upload.field('Artifact name').fill('dataset');
  expect(await upload.changeCounts()).toMatchObject({ added: 8, removed: 0 });
  // Nothing of it is stored yet: no "the rest is already stored".
  await expect(upload.changes.locator('p', { hasText: 'new to the store' })).not.toContainText('already stored');
  await upload.commit();
  await expect(browse.versionHeading('dataset', 'v0')).toBeVisible({ timeout: 30_000 });
  expect(await browse.digest()).toBe(artifactDigestOf(readFolder(dir)));
}

// Two commits of a real folder each: more than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
});

test('a folder dropped again on its artifact is a snapshot: one edit, delete, rename and add give exactly those changes and the folder\'s W&B digest', async ({
  page,
  browse,
  upload,
}) => {
  await page.setViewportSize({ width: 1280, height: 640 }); // the draft is taller than the window
  const dir = copyRealFolder();
  await commitV0(upload, browse, dir);

  // The changed copy: one edit, one delete, one rename, one add.
  writeFileSync(join(dir, 'docs/README.md'), `${readFileSync(join(dir, 'docs/README.md'), 'utf8')}\nOne more line.\n`);
  rmSync(join(dir, 'docs/RELIABILITY.md'));
  renameSync(join(dir, 'images/lineage-dark.png'), join(dir, 'images/lineage.png'));
  writeFileSync(join(dir, 'config/extra.csv'), 'a,b\n1,2\n');

  await page.goto('/p/example/a/dataset');
  await expect(page.getByRole('heading', { level: 1, name: 'dataset', exact: true })).toBeVisible();
  await upload.dropFromDisk(dir);
  await expect(upload.dialog).toBeVisible();
  expect(await upload.changeCounts()).toEqual({ added: 1, modified: 1, removed: 1, renamed: 1, unchanged: 5 });
  const changed = upload.dialog.getByRole('list', { name: 'Changed files' }).getByRole('listitem');
  await expect(changed).toHaveText([/config\/extra\.csv/, /docs\/README\.md/, /docs\/RELIABILITY\.md/, /images\/lineage\.png.*from images\/lineage-dark\.png/]);

  // The choice is asked, answered "no" by default; "yes" would keep the two old paths.
  const question = upload.dialog.getByRole('group', { name: 'Keep the 2 files of v0 that are not in this folder?' });
  await expect(question.getByRole('radio', { name: /^No: the new version holds exactly the folder dataset/ })).toBeChecked();
  await question.getByRole('radio', { name: /^Yes/ }).check();
  expect(await upload.changeCounts()).toEqual({ added: 2, modified: 1, removed: 0, renamed: 0, unchanged: 7 });
  await question.getByRole('radio', { name: /^No/ }).check();
  expect(await upload.changeCounts()).toEqual({ added: 1, modified: 1, removed: 1, renamed: 1, unchanged: 5 });

  // Files the folder holds as they were are marked unchanged, not new.
  const files = upload.dialog.getByRole('region', { name: 'Draft files' });
  await expect(files.getByRole('listitem').filter({ hasText: 'config/package.json' })).toContainText('unchanged');
  await expect(files.getByRole('listitem').filter({ hasText: 'config/extra.csv' })).toContainText('new');
  await expect(files.getByRole('listitem').filter({ hasText: 'images/lineage.png' })).toContainText('renamed');
  await expect(upload.changes.locator('p', { hasText: 'new to the store' })).toContainText('the rest of the');

  // The Commit button stays in view at the foot of the dialog.
  await expect(upload.commitButton()).toBeInViewport();
  await upload.commit();
  await expect(page).toHaveURL(/\/p\/example\/a\/dataset\/v\/v1$/, { timeout: 30_000 });
  expect(await browse.digest()).toBe(artifactDigestOf(readFolder(dir)));
  await expect(browse.details.getByLabel('Files', { exact: true })).toHaveText('8');
});

test('loose files dropped on an artifact still add to its latest version; no question is asked', async ({ page, browse, upload }) => {
  const dir = copyRealFolder();
  await commitV0(upload, browse, dir);

  await page.goto('/p/example/a/dataset');
  await expect(page.getByRole('heading', { level: 1, name: 'dataset', exact: true })).toBeVisible(); // the drop target is mounted
  await upload.dropFromDisk(join(dir, 'config/package.json'));
  await expect(upload.dialog.getByRole('heading', { name: 'Files (9)' })).toBeVisible();
  await upload.dropFiles({ 'notes.txt': 'a note' });
  await expect(upload.dialog.getByRole('heading', { name: 'Files (10)' })).toBeVisible();
  expect(await upload.changeCounts()).toMatchObject({ added: 2, removed: 0 });
  await expect(upload.dialog.getByRole('group', { name: /^Keep the/ })).toHaveCount(0);
});

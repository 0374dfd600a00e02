import { expect, test } from './fixtures/test';
import { artifactDigestOf, makeFolder } from './fixtures/upload-page';

test('on an empty store, a folder dropped on the welcome screen becomes the first artifact of a new project named there', async ({ page, browse, upload }) => {
  await browse.openEmptyApp();
  const start = page.getByRole('region', { name: 'Start with your own data' });
  const name = start.getByLabel('Project name');
  await expect(name).toHaveValue('my-project');
  await name.fill('my project');
  await expect(start.getByRole('alert')).toContainText('project name');
  await expect(start.getByRole('button', { name: 'Create empty project' })).toBeDisabled();
  await name.fill('cats');

  const files = { 'train/a.csv': 'x,y\n1,2\n', 'README.md': '# cats\n' };
  await upload.dropFromDisk(makeFolder('photos', files));
  await expect(upload.dialog).toBeVisible();
  await upload.field('Artifact name').fill('photos');
  expect(await upload.changeCounts()).toMatchObject({ added: 2 });
  await upload.commit();
  await expect(page).toHaveURL(/\/p\/cats\/a\/photos\/v\/v0$/, { timeout: 30_000 });
  expect(await browse.digest()).toBe(artifactDigestOf(files));

  // The header's project menu lists it.
  await page.getByRole('button', { name: /^Project: cats/ }).click();
  await expect(page.getByRole('navigation', { name: 'Projects' }).getByRole('link')).toHaveText(['cats']);
});

test('"New project" in the header creates and opens an empty project; /p/<new> offers to create it', async ({ page, browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();

  await page.getByRole('button', { name: /^Project: example/ }).click();
  await page.getByRole('button', { name: '+ New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Project name').fill('example');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog.getByRole('alert')).toContainText('already exists');
  await dialog.getByLabel('Project name').fill('second');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/\/p\/second$/);
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'second' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No artifacts yet' })).toBeVisible();

  // A project that does not exist: offered, not "not found".
  await page.goto('/p/third');
  await expect(page.getByRole('heading', { name: 'There is no project third yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'third' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No artifacts yet' })).toBeVisible();

  await page.getByRole('button', { name: /^Project: third/ }).click();
  await expect(page.getByRole('navigation', { name: 'Projects' }).getByRole('link')).toHaveText(['example', 'second', 'third']);
  await page.getByRole('navigation', { name: 'Projects' }).getByRole('link', { name: 'example' }).click();
  await expect(page).toHaveURL(/\/p\/example$/);
});

test('a drop on a version page starts the artifact\'s next version; "Upload new version" opens an empty draft', async ({ page, browse, upload }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await page.goto('/p/example/a/tabular-data/v/v0');
  await expect(browse.versionHeading('tabular-data', 'v0')).toBeVisible();

  // A file from disk: a draft of the next version, not the browser opening the file.
  await upload.dropFromDisk(makeFolder('notes', { 'notes.txt': 'a note' }) + '/notes.txt');
  await expect(upload.dialog).toBeVisible();
  await expect(page).toHaveURL(/\/p\/example\/a\/tabular-data\/v\/v0$/);
  await expect(upload.dialog.getByRole('heading', { name: 'New version of tabular-data' })).toBeVisible();
  expect(await upload.changeCounts()).toMatchObject({ added: 1, removed: 0, modified: 0 });
  await upload.dialog.getByRole('button', { name: 'Discard' }).click();

  await page.getByRole('button', { name: 'Upload new version' }).click();
  await expect(upload.dialog.getByRole('heading', { name: 'New version of tabular-data' })).toBeVisible();
  await expect(upload.dialog.getByLabel('Base version')).toHaveValue('1'); // starts from the latest version
  await upload.dialog.getByRole('button', { name: 'Discard' }).click();

  await upload.dropFiles({ 'extra.txt': 'more' }, { uploadButton: 'Upload new version' });
  await expect(upload.field('Artifact name')).toHaveValue('tabular-data');
  expect(await upload.changeCounts()).toMatchObject({ added: 1, removed: 0 });
});

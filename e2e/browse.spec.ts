import { expect, test } from './fixtures/test';
import { exampleArtifactDigest } from './fixtures/example-digests';

test('load the example project, browse to classifier:v1, check digest and aliases, survive a reload', async ({
  page,
  browse,
}) => {
  await browse.openEmptyApp();
  await expect(page.getByLabel('Active store')).toHaveText('This browser (IndexedDB)');
  await browse.loadExampleProject();

  await browse.openArtifactFromSidebar('classifier');
  await expect(page).toHaveURL(/\/p\/example\/a\/classifier$/);
  await browse.openVersionFromSidebar('classifier', 'v1');
  await expect(page).toHaveURL(/\/p\/example\/a\/classifier\/v\/v1$/);

  const digest = await browse.digest();
  expect(digest).toMatch(/^[0-9a-f]{32}$/);
  expect(digest).toBe(exampleArtifactDigest('classifier@1'));
  expect(await browse.aliases()).toEqual(['latest', 'candidate']);
  await expect(page.getByRole('region', { name: 'Produced by' })).toContainText('train-tuned');

  await page.reload();
  await expect(browse.versionHeading('classifier', 'v1')).toBeVisible();
  expect(await browse.digest()).toBe(digest);
  expect(await browse.aliases()).toEqual(['latest', 'candidate']);

  await page.goBack();
  await expect(page).toHaveURL(/\/p\/example\/a\/classifier$/);
  await expect(page.getByRole('region', { name: 'Versions' }).getByRole('row')).toHaveCount(3);
});

test('a deep link to an alias opens directly, and an unknown path says so', async ({ page, browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();

  await page.goto('/p/example/a/classifier/v/production');
  await expect(browse.versionHeading('classifier', 'v0')).toBeVisible();
  expect(await browse.digest()).toBe(exampleArtifactDigest('classifier@0'));

  await page.goto('/p/example/a/tabular-data/v/baseline');
  await expect(browse.versionHeading('tabular-data', 'v0')).toBeVisible();
  await expect(browse.details.getByLabel('Files', { exact: true })).toHaveText('7');

  await page.goto('/nowhere/at/all');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

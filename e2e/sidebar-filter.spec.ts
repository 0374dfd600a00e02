// Finding an artifact: the sidebar filter with the keyboard, and the command palette.
import { expect, test } from './fixtures/test';

// No native save dialog in tests: zips take the download fallback (a Blob + <a download>).
test.use({ nativeSaveDialog: false });

test.beforeEach(async ({ browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
});

test('sidebar filter by alias with keyboard navigation, and the command palette', async ({ page, browse }) => {

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

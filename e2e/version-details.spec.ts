// A version's Usage and Metadata tabs, and editing its description, tags and metadata in place.
import { expect, test } from './fixtures/test';

// No native save dialog in tests: zips take the download fallback (a Blob + <a download>).
test.use({ nativeSaveDialog: false });

test.beforeEach(async ({ browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
});

test('Usage and Metadata tabs', async ({ page }) => {
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

test('edit description (Markdown, raw HTML shown as text), tags (validated) and metadata in place, with undo', async ({
  page,
  browse,
}) => {
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

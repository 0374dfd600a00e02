import type { BrowsePage } from './fixtures/browse-page';
import { expect, test } from './fixtures/test';

/**
 * The connection test against endpoints that are not S3 stores. No S3 store is needed: the
 * app's own web server stands in for "any web server", and port 9 for an unreachable host.
 */
async function openConnectDialog(browse: BrowsePage, endpoint: string) {
  const { page } = browse;
  await browse.openEmptyApp();
  await page.getByRole('button', { name: 'Connect S3…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect S3-compatible storage' });
  await dialog.getByLabel('Endpoint').fill(endpoint);
  await dialog.getByLabel('Region').fill('us-east-1');
  await dialog.getByLabel('Bucket').fill('team');
  await dialog.getByLabel('Access key ID').fill('AKIDEXAMPLE');
  await dialog.getByLabel('Secret access key').fill('not-a-secret');
  return dialog;
}

test('a web server that is not S3 is named as such, and Connect does not open it read-only', async ({ browse, baseURL }) => {
  const dialog = await openConnectDialog(browse, baseURL ?? '');
  const report = dialog.getByRole('region', { name: 'Connection test' });
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(report.getByRole('alert')).toContainText('This is not an S3 endpoint');
  await expect(report.getByRole('alert')).toContainText(/answered HTTP 200 with text\/html/);
  await expect(report.getByRole('list', { name: 'Checks' })).not.toContainText('list the bucket');

  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(report.getByRole('alert')).toContainText('This is not an S3 endpoint');
  await expect(browse.page.getByLabel('Active store')).toHaveText('This browser (IndexedDB)');
  await expect(browse.page.getByText(/JSON/)).toHaveCount(0);
});

test('an unreachable endpoint is named once, without nested advice', async ({ browse }) => {
  const dialog = await openConnectDialog(browse, 'http://127.0.0.1:9');
  const report = dialog.getByRole('region', { name: 'Connection test' });
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  const alert = report.getByRole('alert');
  await expect(alert).toContainText('Cannot reach the endpoint');
  const text = (await alert.textContent()) ?? '';
  expect(text.match(/cannot reach http:\/\/127\.0\.0\.1:9/g)).toHaveLength(1);
  expect(text).not.toContain('run the connection test');
  expect(text).not.toContain('((');
});

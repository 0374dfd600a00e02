import { execFileSync } from 'node:child_process';
import { expect, test } from './fixtures/test';
import type { Page } from '@playwright/test';
import { BrowsePage } from './fixtures/browse-page';
import { exampleArtifactDigest } from './fixtures/example-digests';
import { artifactDigestOf, makeFolder } from './fixtures/upload-page';

/**
 * The app against a real S3 store (Ceph RGW): connect through the dialog, push an artifact of
 * this browser, switch stores in the header. Needs S3_TEST_ENDPOINT / S3_TEST_ACCESS_KEY /
 * S3_TEST_SECRET_KEY (`npm test` starts an RGW and sets them); playwright.config.ts leaves this
 * spec out of local runs without them, and in CI it fails here, loudly.
 */
const endpoint = process.env.S3_TEST_ENDPOINT;
const accessKey = process.env.S3_TEST_ACCESS_KEY;
const secretKey = process.env.S3_TEST_SECRET_KEY;
if (!endpoint || !accessKey || !secretKey) {
  throw new Error(
    'e2e/backend.spec.ts needs a real S3 store: set S3_TEST_ENDPOINT, S3_TEST_ACCESS_KEY and S3_TEST_SECRET_KEY ' +
      '(e.g. scripts/start-ceph-rgw.sh, then http://127.0.0.1:7480 CIACCESSKEY CISECRETKEY).',
  );
}
const bucket = 'artifact-studio-e2e';

test.beforeAll(() => {
  const info = test.info();
  // Creates the bucket and lets this run's origin (its own E2E_PORT) through the bucket's CORS rule.
  const origin = new URL(String(info.project.use.baseURL)).origin;
  execFileSync('node', ['scripts/s3-setup.mjs', '--endpoint', endpoint, '--bucket', bucket, '--origin', origin], {
    env: { ...process.env, S3_ACCESS_KEY: accessKey, S3_SECRET_KEY: secretKey },
    stdio: 'pipe',
  });
});

async function fillConnectDialog(page: Page, prefix: string, secret: string) {
  const dialog = page.getByRole('dialog', { name: 'Connect S3-compatible storage' });
  await dialog.getByLabel('Endpoint').fill(endpoint ?? '');
  await dialog.getByLabel('Region').fill('us-east-1');
  await dialog.getByLabel('Bucket').fill(bucket);
  await dialog.getByLabel('Prefix').fill(prefix);
  await dialog.getByLabel('Access key ID').fill(accessKey ?? '');
  await dialog.getByLabel('Secret access key').fill(secret);
  return dialog;
}

test('connect to S3 through the dialog, push classifier, and see it after switching stores in the header; another browser pulls it', async ({ page, browse, browser }) => {
  const prefix = `e2e/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  await browse.openEmptyApp();
  await browse.loadExampleProject();

  // A wrong secret: the connection test names the credentials problem first.
  await page.getByRole('button', { name: 'Connect S3…' }).click();
  let dialog = await fillConnectDialog(page, prefix, `${secretKey}-wrong`);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  const problem = dialog.getByRole('region', { name: 'Connection test' }).getByRole('alert');
  await expect(problem).toContainText('Credentials refused');
  await expect(problem).toContainText('secret access key');
  await shot(page, 'connect-wrong-secret');

  // The right secret: the test passes, and Connect makes the (empty) S3 store the active one.
  dialog = await fillConnectDialog(page, prefix, secretKey ?? '');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('region', { name: 'Connection test' }).getByRole('status')).toContainText('Connection works');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(dialog).toBeHidden();
  const activeStore = page.getByLabel('Active store');
  await expect(activeStore).toContainText(`S3 ${bucket}/${prefix}`);
  await expect(browse.sidebar.getByRole('link', { name: 'classifier', exact: true })).toHaveCount(0);

  // Push the local classifier (both versions, aliases, producing runs) to S3.
  await page.getByRole('button', { name: 'Sync…' }).click();
  const sync = page.getByRole('dialog', { name: 'Sync with shared storage' });
  await sync.getByRole('combobox', { name: 'Project' }).selectOption('example');
  await sync.getByRole('combobox', { name: 'Artifact' }).selectOption('classifier');
  await sync.getByRole('button', { name: 'Push classifier' }).click();
  await expect(sync.getByRole('status')).toContainText('Pushed classifier: 2 versions copied, 0 already there', { timeout: 30_000 });
  await shot(page, 'sync-pushed');
  await sync.getByRole('button', { name: 'Close' }).click();

  // Switch to this browser's store and back to S3 in the header: S3 holds classifier only.
  const switcher = page.getByLabel('Switch store');
  await switcher.selectOption({ label: 'This browser (IndexedDB)' });
  await expect(activeStore).toHaveText('This browser (IndexedDB)');
  await expect(browse.sidebar.getByRole('link', { name: 'tabular-data', exact: true })).toBeVisible();
  const s3Label = (await switcher.locator('option').nth(1).textContent()) ?? '';
  expect(s3Label).toContain('S3');
  await switcher.selectOption({ label: s3Label });
  await expect(activeStore).toHaveText(s3Label);

  await browse.openArtifactFromSidebar('classifier');
  await expect(browse.sidebar.getByRole('link', { name: 'tabular-data', exact: true })).toHaveCount(0);
  await browse.openVersionFromSidebar('classifier', 'v1');
  expect(await browse.digest()).toBe(exampleArtifactDigest('classifier@1'));
  expect(await browse.aliases()).toEqual(['latest', 'candidate']);
  await expect(page.getByRole('region', { name: 'Produced by' })).toContainText('train-tuned');
  await browse.openVersionFromSidebar('classifier', 'v0');
  expect(await browse.digest()).toBe(exampleArtifactDigest('classifier@0'));
  expect(await browse.aliases()).toEqual(['production']);
  await expect(activeStore).toHaveText(s3Label);
  await shot(page, 's3-version');

  // A second browser (own IndexedDB) connects and pulls classifier from S3 into its own store.
  const other = await browser.newPage();
  const otherBrowse = new BrowsePage(other);
  await otherBrowse.openEmptyApp();
  await other.getByRole('button', { name: 'Connect S3…' }).click();
  await (await fillConnectDialog(other, prefix, secretKey ?? '')).getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(other.getByLabel('Active store')).toHaveText(s3Label);
  await other.getByRole('button', { name: 'Sync…' }).click();
  const pull = other.getByRole('dialog', { name: 'Sync with shared storage' });
  await pull.getByRole('radio', { name: /^Pull/ }).check();
  await pull.getByRole('combobox', { name: 'Artifact' }).selectOption('classifier');
  await pull.getByRole('button', { name: 'Pull classifier' }).click();
  await expect(pull.getByRole('status')).toContainText('Pulled classifier: 2 versions copied', { timeout: 30_000 });
  await pull.getByRole('button', { name: 'Close' }).click();
  await other.getByLabel('Switch store').selectOption({ label: 'This browser (IndexedDB)' });
  await expect(other.getByLabel('Active store')).toHaveText('This browser (IndexedDB)');
  await other.goto('/p/example/a/classifier/v/candidate');
  await expect(otherBrowse.versionHeading('classifier', 'v1')).toBeVisible();
  expect(await otherBrowse.digest()).toBe(exampleArtifactDigest('classifier@1'));
  await other.close();
});

test('the connection test names an unreachable endpoint and a missing bucket; a kept session reconnects after a reload', async ({ page, browse }) => {
  const prefix = `e2e/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  await browse.openEmptyApp();
  await page.getByRole('button', { name: 'Connect S3…' }).click();
  const dialog = await fillConnectDialog(page, prefix, secretKey ?? '');
  const report = dialog.getByRole('region', { name: 'Connection test' });

  await dialog.getByLabel('Endpoint').fill('http://127.0.0.1:9');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(report.getByRole('alert')).toContainText('Cannot reach the endpoint');

  await dialog.getByLabel('Endpoint').fill(endpoint ?? '');
  await dialog.getByLabel('Bucket').fill('no-such-bucket-e2e');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  // A missing bucket has no CORS rule either: the browser cannot tell the two apart, the message names both.
  await expect(report.getByRole('alert')).toContainText('does not exist');
  await shot(page, 'connect-missing-bucket');

  await dialog.getByLabel('Bucket').fill(bucket);
  await dialog.getByLabel('Keep these settings for this tab').check();
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  const activeStore = page.getByLabel('Active store');
  await expect(activeStore).toContainText(`S3 ${bucket}/${prefix}`);
  expect(await page.evaluate(() => window.localStorage.length)).toBe(0);

  await page.reload();
  await expect(activeStore).toContainText(`S3 ${bucket}/${prefix}`);
  await page.getByLabel('Switch store').selectOption({ label: 'This browser (IndexedDB)' });
  await expect(activeStore).toHaveText('This browser (IndexedDB)');
  await page.reload();
  await expect(page.getByLabel('Switch store')).toBeVisible();
  await expect(activeStore).toHaveText('This browser (IndexedDB)');

  // Disconnect forgets the store and its settings in this tab.
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByLabel('Switch store')).toHaveCount(0);
  expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Connect S3…' })).toBeVisible();
  await expect(page.getByLabel('Switch store')).toHaveCount(0);
});

test('connects the app to RGW in Chromium, uploads a folder, and reads it back from a second browser context', async ({ page, upload, browse, browser }) => {
  const prefix = `e2e/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const files = { 'train.csv': 'a,b\n1,2\n', 'nested/labels.json': '{"cat":0,"dog":1}', 'nested/deep/blob.bin': Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) & 255)) };
  const expected = artifactDigestOf(files);
  await browse.openEmptyApp();
  await page.getByRole('button', { name: 'Connect S3…' }).click();
  const dialog = await fillConnectDialog(page, prefix, secretKey ?? '');
  await dialog.getByLabel('Keep these settings for this tab').check(); // survives the navigation below
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByLabel('Active store')).toContainText(`S3 ${bucket}/${prefix}`);

  // The empty S3 store shows the welcome screen; its example project gives the upload a project.
  await browse.loadExampleProject();
  await expect(page.getByLabel('Active store')).toContainText(`S3 ${bucket}/${prefix}`);
  // Upload a folder into it through the upload flow.
  await upload.chooseFolder(makeFolder('shared-data', files));
  await upload.field('Artifact name').fill('shared-data');
  expect(await upload.changeCounts()).toMatchObject({ added: 3, modified: 0, removed: 0 });
  await upload.commit();
  await expect(page).toHaveURL(/\/p\/example\/a\/shared-data\/v\/v0$/, { timeout: 30_000 });
  expect(await browse.digest()).toBe(expected);

  // The Usage tab shows code that reaches this bucket: the CLI's get with its --store, the endpoint, and never the secret.
  await page.getByRole('navigation', { name: 'Version sections' }).getByRole('link', { name: 'Usage' }).click();
  const cli = page.getByLabel('CLI command', { exact: true });
  await expect(cli).toContainText(`artifact-studio get example/shared-data:v0 --root ./shared-data-v0 --store s3://${bucket}/${prefix}`);
  await expect(cli).toContainText(`export AWS_ENDPOINT_URL_S3=${endpoint}`);
  await expect(page.getByLabel('SDK snippet', { exact: true })).toContainText(`store: "s3://${bucket}/${prefix}"`);
  await expect(page.getByRole('region', { name: 'Use from code' })).toHaveCount(0);
  expect(await page.locator('main').textContent()).not.toContain(secretKey);

  // A second browser context (its own storage) connects to the same bucket/prefix and sees v0.
  const context = await browser.newContext();
  const other = await context.newPage();
  const otherBrowse = new BrowsePage(other);
  await otherBrowse.openEmptyApp();
  await other.getByRole('button', { name: 'Connect S3…' }).click();
  const otherDialog = await fillConnectDialog(other, prefix, secretKey ?? '');
  await otherDialog.getByLabel('Keep these settings for this tab').check();
  await otherDialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(other.getByLabel('Active store')).toContainText(`S3 ${bucket}/${prefix}`);
  await other.goto('/p/example/a/shared-data/v/latest');
  await expect(other.getByLabel('Active store')).toContainText(`S3 ${bucket}/${prefix}`);
  await expect(otherBrowse.versionHeading('shared-data', 'v0')).toBeVisible({ timeout: 30_000 });
  expect(await otherBrowse.digest()).toBe(expected);
  await expect(otherBrowse.details.getByLabel('Files', { exact: true })).toHaveText('3');
  await context.close();
});

async function shot(page: Page, name: string) {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/${name}.png` });
}

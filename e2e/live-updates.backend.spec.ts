import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { expect, test } from './fixtures/test';
import type { Browser, Page } from '@playwright/test';
import type { ArtifactId } from '../src/domain/types';
import { createS3Store } from '../src/store/s3/create-s3-store';
import { AliasesPage } from './fixtures/aliases-page';
import { BrowsePage } from './fixtures/browse-page';
import { UploadPage, makeFolder } from './fixtures/upload-page';

/**
 * Live updates from a shared bucket (Ceph RGW): two browser contexts with their own storage on
 * one bucket, and a Node process writing through the store API. Whatever one writes, the other
 * shows within 5 s without a reload. Needs S3_TEST_ENDPOINT / S3_TEST_ACCESS_KEY / S3_TEST_SECRET_KEY.
 */
const endpoint = process.env.S3_TEST_ENDPOINT ?? '';
const accessKey = process.env.S3_TEST_ACCESS_KEY ?? '';
const secretKey = process.env.S3_TEST_SECRET_KEY ?? '';
if (!endpoint || !accessKey || !secretKey) throw new Error('e2e/live-updates.backend.spec.ts needs S3_TEST_ENDPOINT, S3_TEST_ACCESS_KEY and S3_TEST_SECRET_KEY');
const bucket = 'artifact-studio-e2e';
/** The target: another writer's change is on screen within this long. */
const LIVE_MS = 5_000;

test.beforeAll(() => {
  const origin = new URL(String(test.info().project.use.baseURL)).origin;
  execFileSync('node', ['scripts/s3-setup.mjs', '--endpoint', endpoint, '--bucket', bucket, '--origin', origin], {
    env: { ...process.env, S3_ACCESS_KEY: accessKey, S3_SECRET_KEY: secretKey },
    stdio: 'pipe',
  });
});

/** A page in a fresh browser context (its own storage), connected to the bucket under `prefix`. */
async function connectedPage(browser: Browser, prefix: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await new BrowsePage(page).openEmptyApp();
  await page.getByRole('button', { name: 'Connect S3…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect S3-compatible storage' });
  await dialog.getByLabel('Endpoint').fill(endpoint);
  await dialog.getByLabel('Region').fill('us-east-1');
  await dialog.getByLabel('Bucket').fill(bucket);
  await dialog.getByLabel('Prefix').fill(prefix);
  await dialog.getByLabel('Access key ID').fill(accessKey);
  await dialog.getByLabel('Secret access key').fill(secretKey);
  await dialog.getByLabel('Keep these settings for this tab').check();
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByLabel('Active store')).toContainText(`S3 ${bucket}/${prefix}`);
  return page;
}

/** How long `check` took to pass (it must pass within LIVE_MS). */
async function timed(check: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await check();
  return Date.now() - started;
}

test("another browser's and a Node job's versions, alias moves and deletions appear in an open app within 5 s, without a reload", async ({ browser }) => {
  const prefix = `e2e/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const writer = await connectedPage(browser, prefix);
  await new BrowsePage(writer).loadExampleProject();

  const watcher = await connectedPage(browser, prefix);
  const watching = new AliasesPage(watcher);
  await watching.openArtifact('example', 'classifier');
  await watching.expectAliases('v1', ['latest', 'candidate']);
  // Survives only as long as this document: a reload would drop it.
  await watcher.evaluate(() => Object.assign(window, { liveUpdatesE2e: true }));
  const watcherSidebar = new BrowsePage(watcher).sidebar;
  const latencies: Record<string, number> = {};

  // Browser to browser: an alias move, then a new artifact logged through the upload flow.
  const writing = new AliasesPage(writer);
  await writing.openArtifact('example', 'classifier');
  await writing.addAlias('v1', 'production');
  const move = writing.dialog('Move production from v0 to v1?');
  await move.getByRole('button', { name: 'Move production' }).click();
  await expect(move).toBeHidden();
  latencies['alias move'] = await timed(() => expect(watching.row('v1')).toContainText('production', { timeout: LIVE_MS }));
  await expect(watching.row('v0')).not.toContainText('production');

  await writer.goto('/p/example');
  const upload = new UploadPage(writer);
  await upload.chooseFolder(makeFolder('shared-data', { 'train.csv': 'a,b\n1,2\n' }));
  await upload.field('Artifact name').fill('shared-data');
  await upload.commit();
  await expect(writer).toHaveURL(/\/p\/example\/a\/shared-data\/v\/v0$/, { timeout: 30_000 });
  latencies['browser commit'] = await timed(() => expect(watcherSidebar.getByRole('link', { name: 'shared-data', exact: true })).toBeVisible({ timeout: LIVE_MS }));

  // A job in Node through the store API (what the CLI and SDK run): commit, then delete.
  const store = await createS3Store({ endpoint, region: 'us-east-1', bucket, prefix, accessKeyId: accessKey, secretAccessKey: secretKey });
  const classifier = await store.getArtifact('example/classifier' as ArtifactId);
  const bytes = Buffer.from('weights from a training job\n');
  const digest = createHash('md5').update(bytes).digest('base64');
  await store.putBlobs([{ digest, blob: new Blob([bytes]) }]);
  const { version } = await store.commitVersion({ project: 'example', artifactName: 'classifier', type: classifier.type, entries: [{ path: 'model.bin', digest, size: bytes.length }] });
  expect(version.index).toBe(2);
  latencies['node commit'] = await timed(() => expect(watching.row('v2')).toBeVisible({ timeout: LIVE_MS }));
  await expect(watching.row('v2')).toContainText('latest');

  await store.deleteVersion(version.id);
  latencies['node delete'] = await timed(() => expect(watching.row('v2')).toHaveCount(0, { timeout: LIVE_MS }));
  await expect(watching.row('v1')).toContainText('latest');
  store.close();

  // The watcher never reloaded: still the same document.
  expect(await watcher.evaluate(() => 'liveUpdatesE2e' in window)).toBe(true);
  test.info().annotations.push({ type: 'latency-ms', description: JSON.stringify(latencies) });
  console.log(`live update latencies (ms after the write returned): ${JSON.stringify(latencies)}`);
});

test('an idle open version page costs one small conditional GET of its change log per interval; its Used by comes from the bucket', async ({ browser }) => {
  const prefix = `e2e/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const page = await connectedPage(browser, prefix);
  await new BrowsePage(page).loadExampleProject();
  // Used by, from the bucket's used-by markers: classifier:v1 fed the evaluate run.
  await page.goto('/p/example/a/classifier/v/v1?tab=usage');
  await expect(page.getByRole('region', { name: 'Used by' }).getByRole('row', { name: 'evaluate' })).toContainText('eval');
  await page.waitForTimeout(3_000);

  const requests: { method: string; path: string; status: number }[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === new URL(endpoint).origin) requests.push({ method: response.request().method(), path: url.pathname, status: response.status() });
  });
  const idleMs = 20_000;
  await page.waitForTimeout(idleMs);
  const gets = requests.filter((r) => r.method === 'GET');
  const perMinute = (n: number) => Math.round((n * 60_000) / idleMs);
  console.log(`idle open app: ${perMinute(gets.length)} GET/min, ${perMinute(requests.length - gets.length)} other/min (CORS preflights)`);
  expect(gets.length).toBeGreaterThanOrEqual(idleMs / 2_000 - 2);
  expect(gets.length).toBeLessThanOrEqual(idleMs / 2_000 + 1);
  expect(new Set(gets.map((r) => r.path))).toEqual(new Set([`/${bucket}/${prefix}/changes/example.json`]));
  expect(gets.every((r) => r.status === 304)).toBe(true);
});

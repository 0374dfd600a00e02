/**
 * Storage full (issue 9), with the browser's real quota: Chromium's CDP
 * `Storage.overrideQuotaForOrigin` shrinks what this origin may store, so IndexedDB itself
 * throws QuotaExceededError. Once before the upload writes (the app's own estimate refuses) and
 * once in the middle of the blob writes (the quota shrinks after the first batch is in). Each
 * time the user reads how much is needed and how much is available, the store is unchanged, and
 * the same upload succeeds once space is back. Small files stored ahead of the commit that run
 * into the quota are announced in the dialog before the commit.
 */
import { randomBytes } from 'node:crypto';
import { expect, test } from './fixtures/test';
import type { CDPSession, Page } from '@playwright/test';
import { expectCleanStore, snapshot } from './fixtures/store-probe';
import type { UploadPage } from './fixtures/upload-page';
import { artifactDigestOf, makeFolder } from './fixtures/upload-page';

test.setTimeout(120_000);

/** 32 files of 1 MB: 32 MB, four 8 MiB write transactions. */
function folder(): { dir: string; files: Record<string, Buffer> } {
  const files: Record<string, Buffer> = {};
  for (let i = 0; i < 32; i++) files[`part-${String(i).padStart(2, '0')}.bin`] = randomBytes(1_000_000);
  return { dir: makeFolder('big-data', files), files };
}

async function setQuota(cdp: CDPSession, page: Page, quotaSize?: number): Promise<void> {
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', quotaSize === undefined ? { origin } : { origin, quotaSize });
}

async function start(page: Page): Promise<{ cdp: CDPSession; before: string[] }> {
  await page.goto('/?e2e');
  await page.getByRole('button', { name: 'Load example project' }).click();
  await page.waitForURL('**/p/example', { timeout: 30_000 });
  const cdp = await page.context().newCDPSession(page);
  return { cdp, before: (await snapshot(page)).versions };
}

/** The refusal names the bytes needed and the bytes available; returns the available bytes' text. */
async function expectQuotaMessage(page: Page): Promise<string> {
  const message = page.getByRole('dialog').getByRole('alert').filter({ hasText: 'This upload needs' });
  await expect(message).toBeVisible({ timeout: 30_000 });
  const text = (await message.textContent()) ?? '';
  const match = /This upload needs 32 MB of new storage, but the browser gives this app ([\d.]+ (?:B|kB|MB|GB)) more \(([\d.]+ (?:B|kB|MB|GB)) in all, ([\d.]+ (?:B|kB|MB|GB)) used\)/.exec(text);
  expect(match, text).not.toBeNull();
  return match?.[1] ?? '';
}

async function expectRetrySucceeds(page: Page, cdp: CDPSession, upload: UploadPage, files: Record<string, Buffer>, before: string[]): Promise<void> {
  await setQuota(cdp, page); // space is back
  await upload.commit();
  await expect(page).toHaveURL(/\/p\/example\/a\/big-data\/v\/v0$/, { timeout: 60_000 });
  const digest = (await page.getByRole('region', { name: 'Details' }).getByLabel('Digest', { exact: true }).textContent())?.trim();
  expect(digest).toBe(artifactDigestOf(files));
  const after = await expectCleanStore(page);
  expect(after.versions).toEqual([...before, 'example/big-data:v0'].sort());
}

test('the browser says there is too little space: needed and available are shown, nothing is written, retry works', async ({ page, upload }) => {
  // What navigator.storage.estimate() answers on a nearly full disk: 2 MB left beyond what is used.
  await page.addInitScript(() => {
    const real = navigator.storage.estimate.bind(navigator.storage);
    navigator.storage.estimate = async () => {
      const estimate = await real();
      const left = (window as unknown as { __spaceLeft?: number }).__spaceLeft;
      return left === undefined ? estimate : { ...estimate, quota: (estimate.usage ?? 0) + left };
    };
  });
  const { dir, files } = folder();
  const { cdp, before } = await start(page);
  await upload.chooseFolder(dir);
  await upload.field('Artifact name').fill('big-data');
  await page.evaluate(() => ((window as unknown as { __spaceLeft?: number }).__spaceLeft = 2_000_000));
  await upload.commit();

  expect(await expectQuotaMessage(page)).toBe('2 MB');
  const state = await expectCleanStore(page);
  expect(state.versions).toEqual(before);
  await expect(upload.dialog).toBeVisible(); // the draft is kept for the retry

  await page.evaluate(() => delete (window as unknown as { __spaceLeft?: number }).__spaceLeft);
  await expectRetrySucceeds(page, cdp, upload, files, before);
});

test('IndexedDB throws QuotaExceededError in the middle of the blob writes: the store is unchanged, retry works', async ({ page, upload }) => {
  // The real quota, set before the app opens its database (Chromium caches the space an open
  // database may use): the example project and one 8 MiB write transaction fit, the next does not.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(test.info().project.use.baseURL ?? '').origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 12_000_000 });
  const { dir, files } = folder();
  const { before } = await start(page);
  const blobsBefore = (await snapshot(page)).blobs;
  await upload.chooseFolder(dir);
  await upload.field('Artifact name').fill('big-data');
  await upload.commit();

  // The app's own estimate (Chromium's estimate() ignores the override) says there is room, so
  // this refusal can only come from IndexedDB itself, during the blob writes.
  const available = await expectQuotaMessage(page);
  expect(available).toMatch(/GB$/);
  const state = await expectCleanStore(page);
  expect(state.versions).toEqual(before);
  expect(state.blobs).toBe(blobsBefore); // the batch that got in was collected again

  await expectRetrySucceeds(page, cdp, upload, files, before);
});

test('storage runs out while small files are stored ahead of the commit: the dialog says so before the commit, and the commit works once space is back', async ({ page, upload }) => {
  // As above, the real quota before the app opens its database: the example project and the
  // first 8 MiB of staged small files fit, the rest does not.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(test.info().project.use.baseURL ?? '').origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 12_000_000 });
  const files: Record<string, Buffer> = {};
  for (let i = 0; i < 400; i++) files[`tile-${String(i).padStart(3, '0')}.bin`] = randomBytes(40_000); // 16 MB of files staged while hashed (≤ 64 KiB each)
  const dir = makeFolder('tiles', files);
  const { before } = await start(page);
  await upload.chooseFolder(dir);
  await upload.field('Artifact name').fill('tiles');

  await expect(upload.dialog.getByRole('status').filter({ hasText: 'Storage is full: the browser refused to keep more of these files' })).toBeVisible({ timeout: 30_000 });
  expect(await upload.changeCounts()).toMatchObject({ added: 400 });

  await setQuota(cdp, page); // space is back
  await upload.commit();
  await expect(page).toHaveURL(/\/p\/example\/a\/tiles\/v\/v0$/, { timeout: 60_000 });
  const digest = (await page.getByRole('region', { name: 'Details' }).getByLabel('Digest', { exact: true }).textContent())?.trim();
  expect(digest).toBe(artifactDigestOf(files));
  const after = await expectCleanStore(page);
  expect(after.versions).toEqual([...before, 'example/tiles:v0'].sort());
});

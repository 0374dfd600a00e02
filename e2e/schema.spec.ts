/**
 * Schema evolution (issue 9). The store is at DB_VERSION 1 (src/store/idb/schema.ts); there is no
 * v2 migration yet, so no old-schema fixture is seeded here (add one per migration step).
 * - A tab holding the database is asked to reload when another tab upgrades it (versionchange).
 * - A database newer than the app shows a blocking "newer version" screen and is never wiped.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

interface DbState {
  version: number;
  versions: number;
  blobs: number;
  artifacts: number;
}

/** Opens the database at its current version (no upgrade) and counts records. */
async function dbState(page: Page): Promise<DbState> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('artifact-studio');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    const count = (store: string) =>
      new Promise<number>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(String(request.error)));
      });
    const state = { version: db.version, versions: await count('versions'), blobs: await count('blobs'), artifacts: await count('artifacts') };
    db.close();
    return state;
  });
}

/** What a newer release would do: open the database at version 999 (keeping every store). */
async function upgradeTo999(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('artifact-studio', 999);
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(new Error(String(open.error)));
      }),
  );
}

test('a newer tab upgrading the database asks this tab to reload; the newer database then blocks the app and nothing is wiped', async ({ browser }) => {
  const context = await browser.newContext();
  const appTab = await context.newPage();
  await appTab.goto('/');
  await appTab.getByRole('button', { name: 'Load example project' }).click();
  await appTab.waitForURL('**/p/example', { timeout: 30_000 });
  const before = await dbState(appTab);
  expect(before.version).toBe(1);
  expect(before.versions).toBeGreaterThan(0);

  // Another tab (a "newer release") upgrades: the app tab closes its connection and says so.
  const newerTab = await context.newPage();
  await newerTab.goto('/p/example');
  await expect(newerTab.getByRole('navigation', { name: 'Artifacts' })).toBeVisible();
  await newerTab.close();
  await upgradeTo999(appTab);
  const updated = appTab.getByRole('alert');
  await expect(updated.getByRole('heading', { name: 'Artifact Studio was updated in another tab' })).toBeVisible();
  await expect(updated).toContainText('Reload to continue.');

  // Reloading this (older) app: a blocking screen, and the data is still there, untouched.
  await appTab.reload();
  const blocked = appTab.getByRole('alert');
  await expect(blocked.getByRole('heading', { name: 'Your data is newer than this app' })).toBeVisible();
  await expect(blocked).toContainText('This database was written by a newer Artifact Studio; reload the page to get the new version (nothing was changed).');
  await expect(blocked).toContainText('schema-too-new');
  await expect(blocked.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(appTab.getByRole('navigation', { name: 'Artifacts' })).toHaveCount(0);
  expect(await dbState(appTab)).toEqual({ ...before, version: 999 });

  // Reload again (still the older app): still blocked, still nothing wiped.
  await blocked.getByRole('button', { name: 'Reload' }).click();
  await expect(appTab.getByRole('alert').getByRole('heading', { name: 'Your data is newer than this app' })).toBeVisible();
  expect(await dbState(appTab)).toEqual({ ...before, version: 999 });
  await context.close();
});

test('a database a newer release wrote (version 999, a store this app does not know) is refused, not wiped', async ({ page }) => {
  // Same origin; the preview server answers with the app, which may create v1 first: 999 upgrades it.
  await page.goto('/robots.txt');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('artifact-studio', 999);
        open.onupgradeneeded = () => {
          const store = open.result.createObjectStore('future', { keyPath: 'id' });
          store.put({ id: 'keep-me', note: 'written by Artifact Studio 999' });
        };
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(new Error(String(open.error)));
      }),
  );
  await page.goto('/');
  await expect(page.getByRole('alert').getByRole('heading', { name: 'Your data is newer than this app' })).toBeVisible();
  const kept = await page.evaluate(
    () =>
      new Promise<{ version: number; stores: string[]; record: unknown }>((resolve, reject) => {
        const open = indexedDB.open('artifact-studio');
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('future', 'readonly').objectStore('future').get('keep-me');
          get.onsuccess = () => {
            resolve({ version: db.version, stores: [...db.objectStoreNames], record: get.result });
            db.close();
          };
          get.onerror = () => reject(new Error(String(get.error)));
        };
        open.onerror = () => reject(new Error(String(open.error)));
      }),
  );
  expect(kept.version).toBe(999);
  expect(kept.stores).toContain('future');
  expect(kept.record).toEqual({ id: 'keep-me', note: 'written by Artifact Studio 999' });
});

/**
 * Schema evolution (issue 9). The store is at DB_VERSION (src/store/idb/schema.ts).
 * - A database as release 1 wrote it (schema v1) is upgraded in place when the app opens it.
 * - A tab holding the database is asked to reload when another tab upgrades it (versionchange).
 * - A database newer than the app shows a blocking "newer version" screen and is never wiped.
 */
import { expect, test } from './fixtures/test';
import type { Page } from '@playwright/test';
import { DB_VERSION } from '../src/store/idb/schema';

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
  expect(before.version).toBe(DB_VERSION);
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

test('a database release 1 wrote (schema v1) is upgraded when the app opens it: artifacts listed with counts and sizes, old manifests still read', async ({ page }) => {
  // A static file of the same origin: the app does not run here, so nothing opens the database first.
  await page.goto('/favicon.svg');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('artifact-studio', 1);
        open.onupgradeneeded = () => {
          // The stores of migration step 1, then records in their v1 shape (no artifact summary, manifest chunks of entry objects).
          const db = open.result;
          db.createObjectStore('projects', { keyPath: 'name' });
          db.createObjectStore('artifacts', { keyPath: 'id' }).createIndex('byProject', 'project');
          const versions = db.createObjectStore('versions', { keyPath: 'id' });
          versions.createIndex('byArtifact', ['artifactId', 'index'], { unique: true });
          versions.createIndex('byDigest', ['artifactId', 'digest'], { unique: true });
          versions.createIndex('byProject', 'project');
          db.createObjectStore('manifestChunks', { keyPath: ['versionId', 'chunkNo'] });
          db.createObjectStore('blobs', { keyPath: 'digest' });
          db.createObjectStore('blobChunks', { keyPath: ['digest', 'i'] });
          db.createObjectStore('aliases', { keyPath: ['artifactId', 'alias'] }).createIndex('byVersion', ['artifactId', 'index']);
          db.createObjectStore('aliasEvents', { keyPath: 'seq', autoIncrement: true }).createIndex('byArtifact', 'artifactId');
          db.createObjectStore('runs', { keyPath: 'id' }).createIndex('byProject', 'project');
          const tx = open.transaction;
          if (!tx) throw new Error('no upgrade transaction');
          const entry = (name: string, size: number) => ({ path: name, digest: `etag-${name}`, ref: `s3://bucket/${name}`, size });
          const version = (index: number, size: number, fileCount: number) => ({
            id: `legacy/refs:v${index}`,
            artifactId: 'legacy/refs',
            project: 'legacy',
            artifactName: 'refs',
            type: 'dataset',
            index,
            digest: `digest-${index}`,
            size,
            fileCount,
            chunkCount: 1,
            createdAt: 1_700_000_000_000 + index,
            description: '',
            metadata: {},
            tags: [],
            producedBy: null,
            ttlSeconds: null,
          });
          tx.objectStore('projects').put({ name: 'legacy', createdAt: 1_700_000_000_000 });
          tx.objectStore('artifacts').put({ id: 'legacy/refs', project: 'legacy', name: 'refs', type: 'dataset', description: '', createdAt: 1_700_000_000_000, nextIndex: 3 });
          tx.objectStore('versions').put(version(0, 100, 1));
          tx.objectStore('versions').put(version(2, 350, 2));
          tx.objectStore('manifestChunks').put({ versionId: 'legacy/refs:v0', chunkNo: 0, entries: [entry('a.bin', 100)] });
          tx.objectStore('manifestChunks').put({ versionId: 'legacy/refs:v2', chunkNo: 0, entries: [entry('a.bin', 100), entry('old-format.bin', 250)] });
        };
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(new Error(String(open.error)));
      }),
  );

  await page.goto('/p/legacy');
  const sidebar = page.getByRole('navigation', { name: 'Artifacts' });
  await expect(sidebar.getByRole('link', { name: 'refs', exact: true })).toBeVisible();
  await expect(sidebar.getByTitle('2 versions, 450 B')).toBeVisible();
  expect((await dbState(page)).version).toBe(DB_VERSION);

  await page.goto('/p/legacy/a/refs/v/latest?tab=files');
  await expect(page.getByRole('treeitem', { name: /old-format\.bin/ })).toBeVisible();
});

import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/test';
import type { BrowsePage } from './fixtures/browse-page';
import { snapshot } from './fixtures/store-probe';
import type { UploadPage } from './fixtures/upload-page';
import { artifactDigestOf, makeFolder } from './fixtures/upload-page';
import { fillOpfsFolder } from './fixtures/opfs-folder';


test.beforeEach(async ({ browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject(); // a project to upload into
});

const files = {
  'hello.txt': 'hello',
  'nest/my.txt': 'my',
  'nest/nest/dude.txt': 'dude',
  'images/ünïcode 😀.bin': randomBytes(10_000),
  'images/\uFFFD.bin': randomBytes(3000),
};

/**
 * The dialog a whole folder opened becomes v0 of `name`: every file added, `shownPath` listed
 * without the folder's own name, the version's digest as computed here.
 */
async function commitFolderAsV0(upload: UploadPage, browse: BrowsePage, name: string, folder: Record<string, string | Buffer>, shownPath: string): Promise<void> {
  const count = Object.keys(folder).length;
  await expect(upload.dialog).toBeVisible();
  await upload.field('Artifact name').fill(name);
  expect(await upload.changeCounts()).toMatchObject({ added: count, modified: 0, removed: 0 });
  await expect(upload.dialog.getByRole('region', { name: 'Draft files' }).getByText(shownPath, { exact: true })).toBeVisible();
  await upload.commit();
  await expect(browse.versionHeading(name, 'v0')).toBeVisible();
  expect(await browse.digest()).toBe(artifactDigestOf(folder));
  await expect(browse.details.getByLabel('Files', { exact: true })).toHaveText(count.toLocaleString('en'));
}

test('a folder becomes v0 with the right digests; the same folder again offers no new version; one changed file gives v1 with one "modified"', async ({
  page,
  browse,
  upload,
}) => {
  const dir = makeFolder('my-data', files);
  await upload.chooseFolder(dir);
  await upload.field('Artifact name').fill('my data');
  await expect(upload.dialog.getByText(/artifact name "my data"/)).toBeVisible(); // validated as you type
  await upload.field('Artifact name').fill('my-data');
  await upload.field('Aliases').fill('first');
  expect(await upload.changeCounts()).toMatchObject({ added: 5, modified: 0, removed: 0, unchanged: 0 });
  await expect(upload.dialog.getByRole('region', { name: 'Draft files' }).getByText('hello.txt', { exact: true })).toBeVisible(); // the folder's own name is dropped
  await upload.commit();

  await expect(page).toHaveURL(/\/p\/example\/a\/my-data\/v\/v0$/);
  await expect(browse.versionHeading('my-data', 'v0')).toBeVisible();
  expect(await browse.digest()).toBe(artifactDigestOf(files));
  await expect(browse.details.getByLabel('Files', { exact: true })).toHaveText('5');
  await expect(page.getByRole('status').filter({ hasText: 'Logged my-data:v0' })).toBeVisible();

  // The same folder again, on the artifact page: identical to v0, so no new version is offered.
  await page.goto('/p/example/a/my-data');
  await upload.chooseFolder(dir);
  expect(await upload.changeCounts()).toMatchObject({ added: 0, modified: 0, removed: 0, unchanged: 5 });
  await expect(upload.dialog.getByText('Identical to v0 — no new version.')).toBeVisible();
  await expect(upload.commitButton()).toHaveCount(0);
  await expect(upload.dialog.getByRole('button', { name: 'Add aliases to v0' })).toBeDisabled();
  await upload.dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(upload.dialog).toBeHidden();

  // One file changed: v1 with exactly one "modified".
  writeFileSync(join(dir, 'nest/my.txt'), 'my, changed');
  await upload.chooseFolder(dir);
  expect(await upload.changeCounts()).toEqual({ added: 0, modified: 1, removed: 0, renamed: 0, unchanged: 4 });
  await upload.dialog.getByRole('button', { name: /1 modified/ }).click();
  await expect(upload.dialog.getByRole('list', { name: 'Changed files' }).getByRole('listitem')).toHaveText([/nest\/my\.txt/]);
  await upload.commit();
  await expect(page).toHaveURL(/\/p\/example\/a\/my-data\/v\/v1$/);
  expect(await browse.digest()).toBe(artifactDigestOf({ ...files, 'nest/my.txt': 'my, changed' }));
});

test('a folder dropped from the file manager (a real drop, walked through its handle) becomes v0 with paths inside the folder', async ({ page, browse, upload }) => {
  const many: Record<string, string | Buffer> = { ...files };
  for (let i = 0; i < 600; i++) many[`rows/${String(i).padStart(3, '0')}.csv`] = `row ${i}\n`; // more than one slice of the walk
  const dir = makeFolder('dropped', many);
  await expect(page.getByRole('button', { name: 'Upload folder' })).toBeVisible(); // the drop target is mounted
  await upload.dropFromDisk(dir);
  await commitFolderAsV0(upload, browse, 'dropped', many, 'hello.txt');
});

test('"Upload folder" walks the folder the browser\'s folder picker hands over (showDirectoryPicker) into v0; closing the picker does nothing, an empty folder is reported', async ({ page, browse, upload }) => {
  const picked: Record<string, string | Buffer> = { 'a.txt': 'alpha', 'sub/b.csv': 'x,y\n1,2\n', 'sub/deeper/c.bin': randomBytes(5000) };
  // What the OS dialog hands the page is a directory handle; Playwright cannot drive that dialog,
  // so the picker answers with a real one from the origin private file system, filled here.
  const encoded = Object.fromEntries(Object.entries(picked).map(([path, content]) => [path, Buffer.from(content).toString('base64')]));
  await fillOpfsFolder(page, 'picked', encoded);
  type PickerWindow = { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> };

  // Closed without choosing: no dialog, no error.
  await page.evaluate(() => {
    (window as unknown as PickerWindow).showDirectoryPicker = () => Promise.reject(new DOMException('The user aborted a request.', 'AbortError'));
  });
  await page.getByRole('button', { name: 'Upload folder' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(upload.dialog).toBeHidden();

  // An empty folder: said so, no dialog.
  await page.evaluate(() => {
    (window as unknown as PickerWindow).showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('empty', { create: true });
  });
  await page.getByRole('button', { name: 'Upload folder' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The folder empty holds no files.' })).toBeVisible();
  await expect(upload.dialog).toBeHidden();

  await page.evaluate(() => {
    (window as unknown as PickerWindow).showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('picked');
  });
  await page.getByRole('button', { name: 'Upload folder' }).click();
  await commitFolderAsV0(upload, browse, 'picked', picked, 'a.txt');
});

test('files dropped on an artifact page add to its latest version', async ({ page, browse, upload }) => {
  const dir = makeFolder('base', { 'a.txt': 'alpha', 'b.txt': 'beta' });
  await upload.chooseFolder(dir);
  await upload.field('Artifact name').fill('dropped');
  await upload.commit();
  await expect(browse.versionHeading('dropped', 'v0')).toBeVisible();

  await page.goto('/p/example/a/dropped');
  await upload.dropFiles({ 'b.txt': 'beta two', 'c.txt': 'gamma' });
  await expect(upload.dialog).toBeVisible();
  await expect(upload.field('Artifact name')).toHaveValue('dropped');
  expect(await upload.changeCounts()).toMatchObject({ added: 1, modified: 1, removed: 0, unchanged: 1 });
  await upload.commit();
  await expect(page).toHaveURL(/\/p\/example\/a\/dropped\/v\/v1$/);
  expect(await browse.digest()).toBe(artifactDigestOf({ 'a.txt': 'alpha', 'b.txt': 'beta two', 'c.txt': 'gamma' }));
});

test('a small file changed on disk after hashing: the version stores the bytes that were hashed', async ({ page, browse, upload }) => {
  const hashed = { 'notes.txt': 'the content that was hashed', 'other.txt': 'unchanged' };
  const dir = makeFolder('changed-later', hashed);
  await upload.chooseFolder(dir);
  await upload.field('Artifact name').fill('changed-later');
  expect(await upload.changeCounts()).toMatchObject({ added: 2 }); // hashed
  // The store writes what the hash workers read, so the commit neither fails on the changed file
  // nor stores its new bytes under the old digest.
  writeFileSync(join(dir, 'notes.txt'), 'changed after it was hashed, and longer');
  await upload.commit();
  await expect(page).toHaveURL(/\/p\/example\/a\/changed-later\/v\/v0$/);
  expect(await browse.digest()).toBe(artifactDigestOf(hashed));
  const digest = createHash('md5').update(hashed['notes.txt']).digest('base64');
  const stored = await page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('artifact-studio');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    const get = <T,>(store: string, storeKey: IDBValidKey) =>
      new Promise<T | undefined>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).get(storeKey);
        request.onsuccess = () => resolve(request.result as T | undefined);
        request.onerror = () => reject(new Error(String(request.error)));
      });
    // A small file's bytes are in a pack it shares with others (schema v3), at its offset.
    const blob = await get<{ size: number; pack?: { id: string; offset: number } }>('blobs', key);
    const pack = blob?.pack ? await get<{ data: Blob }>('packs', blob.pack.id) : undefined;
    db.close();
    if (!blob?.pack || !pack) return null;
    return pack.data.slice(blob.pack.offset, blob.pack.offset + blob.size).text();
  }, digest);
  expect(stored).toBe(hashed['notes.txt']);
});

test('the progress bar shows during a larger ingest', async ({ page, browse, upload }) => {
  const big: Record<string, Buffer> = {};
  for (let i = 0; i < 10; i++) big[`part-${i}.bin`] = randomBytes(4 * 1024 * 1024);
  const dir = makeFolder('big', big);
  // Hashing 40 MB can take well under a second: record every progress bar that appears.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenProgress: string[] }).seenProgress = seen;
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('[role="progressbar"]')) seen.push(bar.getAttribute('aria-label') ?? '');
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await upload.chooseFolder(dir);
  await upload.field('Artifact name').fill('big');
  await upload.commit();
  await expect(browse.versionHeading('big', 'v0')).toBeVisible();
  const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
  expect(seen).toEqual(expect.arrayContaining(['Reading and hashing files', 'Writing new file contents', 'Committing the version']));
  expect(await browse.digest()).toBe(artifactDigestOf(big));
});

for (const phase of ['Reading and hashing files', 'Writing new file contents']) {
  test(`cancel while "${phase}" stops the ingest and leaves no version behind`, async ({ page, browse, upload }) => {
    const hashing = phase === 'Reading and hashing files';
    // Writing 256 MiB: IndexedDB copies big files itself (putBlobs hands it Blob slices), so 32 MiB could be
    // stored before the progress bar (rendered at most every 150 ms) showed.
    const parts = hashing ? 32 : 64; // hashing runs at ~300 MiB/s: 128 MiB keeps the bar up long enough
    const big: Record<string, Buffer> = {};
    for (let i = 0; i < parts; i++) big[`part-${i}.bin`] = randomBytes(4 * 1024 * 1024);
    const dir = makeFolder('cancelled', big);
    await upload.cancelWhenShowing(phase);
    await upload.chooseFolder(dir, { expectDialog: !hashing });
    if (!hashing) {
      await upload.field('Artifact name').fill('cancelled');
      await upload.commit();
    }
    // First the cancel must have happened (the dialog may not even be open yet when hashing starts).
    await expect.poll(() => upload.cancelledDuring(), { timeout: 30_000 }).toBe(phase);
    await expect(upload.dialog).toBeHidden();

    await expect(page).toHaveURL(/\/p\/example$/);
    await expect(page.getByRole('link', { name: 'classifier', exact: true }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'cancelled', exact: true })).toHaveCount(0);
    await page.goto('/p/example/a/cancelled');
    await expect(page.getByText(/not found/i).first()).toBeVisible();

    // Nothing half-done is in the way: the same folder uploads cleanly afterwards.
    await page.goto('/p/example');
    await upload.chooseFolder(dir);
    await upload.field('Artifact name').fill('cancelled');
    await upload.commit();
    await expect(browse.versionHeading('cancelled', 'v0')).toBeVisible();
    expect(await browse.digest()).toBe(artifactDigestOf(big));
  });
}

test('small files are stored while they are hashed: the preview still counts them new, and Discard takes them away again', async ({ page, browse, upload }) => {
  await page.goto('/p/example?e2e'); // the store probe needs the ?e2e handle
  const before = await snapshot(page);
  const small: Record<string, Buffer> = {};
  for (let i = 0; i < 300; i++) small[`rows/${String(i).padStart(3, '0')}.bin`] = randomBytes(1000);
  const dir = makeFolder('staged', small);

  await upload.chooseFolder(dir);
  await upload.field('Artifact name').fill('staged');
  await expect(upload.dialog.getByText(/new to the store/)).toHaveText('300 kB new to the store');
  await expect(upload.dialog.getByText(/300 file contents/)).toBeVisible();
  // Staged before anyone pressed Commit: in the store, referenced by no version.
  await expect.poll(async () => (await snapshot(page)).unreferencedBlobs, { timeout: 15_000 }).toBe(300);

  await upload.dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(upload.dialog).toBeHidden();
  await expect.poll(async () => (await snapshot(page)).unreferencedBlobs, { timeout: 15_000 }).toBe(0);
  const discarded = await snapshot(page);
  expect(discarded.integrity).toEqual({ ok: true, problems: [] });
  expect(discarded.blobs).toBe(before.blobs);

  // Again, committed this time: every staged blob is taken by the version, none is left over.
  await upload.chooseFolder(dir);
  await upload.field('Artifact name').fill('staged');
  await expect(upload.dialog.getByText(/new to the store/)).toHaveText('300 kB new to the store');
  await expect(upload.dialog.getByText(/300 file contents/)).toBeVisible();
  await upload.commit();
  await expect(browse.versionHeading('staged', 'v0')).toBeVisible();
  expect(await browse.digest()).toBe(artifactDigestOf(small));
  await expect.poll(async () => (await snapshot(page)).unreferencedBlobs).toBe(0);
  const committed = await snapshot(page);
  expect(committed.integrity).toEqual({ ok: true, problems: [] });
  expect(committed.blobs).toBe(before.blobs + 300);
});

/**
 * Hostile names (issue 22, items 1, 6, 8, 14, 15), as a user meets them in Chromium: two
 * picked files Chromium reports at one path stop the upload naming both; "Put dropped files
 * under" a file's name is refused naming both paths; "." and ".." are refused as artifact
 * names and look-alike aliases with their plain spelling; a zip download renames what Windows
 * cannot create and lists the renames; a right-to-left override in a file name is shown, not obeyed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures/test';
import { artifactDigestOf, makeFolder } from './fixtures/upload-page';

// No native save dialog in tests: zips take the download fallback (a Blob + <a download>).
test.use({ nativeSaveDialog: false });

/** unzip keeps non-ASCII names only in a UTF-8 locale. */
const UTF8 = { ...process.env, LC_ALL: 'C.UTF-8' };

test.beforeEach(async ({ browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
});

test('a file named a\\b.txt beside a real a/b.txt (both reported as a/b.txt) stops the upload with both names', async ({ upload }) => {
  // On Linux "\" is an ordinary character in a file name; Chromium's webkitRelativePath turns it into "/".
  await upload.chooseFolder(makeFolder('clash', { 'a\\b.txt': 'backslash', 'a/b.txt': 'real', 'c.txt': 'other' }));
  const alert = upload.dialog.getByRole('alert');
  await expect(alert).toContainText('Two added files land on the same path');
  // Both names, in the order the browser listed them.
  await expect(alert).toContainText(/("clash\/a\\\\b\.txt" and "clash\/a\/b\.txt"|"clash\/a\/b\.txt" and "clash\/a\\\\b\.txt") both become "a\/b\.txt"/);
  await upload.field('Artifact name').fill('clash');
  await expect(upload.commitButton()).toBeDisabled();
  // Removing the path clears the clash: nothing was dropped behind the user's back.
  await upload.dialog.getByRole('button', { name: 'Remove a/b.txt' }).click();
  await expect(alert).toBeHidden();
  await expect(upload.commitButton()).toBeEnabled({ timeout: 30_000 });
});

test('"Put dropped files under" a folder named like a file of the base is refused naming both paths', async ({ page, browse, upload }) => {
  await upload.chooseFolder(makeFolder('base', { 'data': 'a file', 'x.txt': 'x' }));
  await upload.field('Artifact name').fill('clashy');
  await upload.commit();
  await expect(browse.versionHeading('clashy', 'v0')).toBeVisible();

  await page.goto('/p/example/a/clashy');
  await upload.dropFiles({ 'b.txt': 'inside' });
  await expect(upload.dialog).toBeVisible();
  await upload.dialog.getByLabel('Path prefix').fill('data');
  await expect(upload.dialog.getByRole('alert')).toContainText(
    'path "data" is a file, but "data/b.txt" puts a file inside a folder of that name; the new version cannot hold both',
  );
  await expect(upload.commitButton()).toBeDisabled();
});

test('artifact names "." and "..", and look-alike aliases, are refused with the reason', async ({ upload }) => {
  await upload.chooseFolder(makeFolder('typed', { 'a.txt': 'a' }));
  const cases: [field: string, value: string, message: string][] = [
    ['Artifact name', '..', 'artifact name ".." may not be "." or "..": no URL or file path can hold it'],
    ['Artifact name', '.', 'artifact name "." may not be "." or "..": no URL or file path can hold it'],
    ['Aliases', 'ｌａｔｅｓｔ', 'alias "ｌａｔｅｓｔ" has look-alike characters: it reads as "latest" once Unicode-normalised (NFKC); type "latest" instead'],
    ['Aliases', 'prod\u200B', 'alias "prod\\u200b" holds the invisible character U+200B'],
    ['Aliases', '\u202Eprod', 'alias "\\u202eprod" holds the invisible character U+202E'],
  ];
  for (const [field, value, message] of cases) {
    await upload.field(field).fill(value);
    await upload.field(field).blur();
    await expect(upload.dialog.getByText(message)).toBeVisible();
    await expect(upload.commitButton()).toBeDisabled();
    await upload.field(field).fill(field === 'Artifact name' ? 'typed' : '');
  }
});

test('a zip download gives names Windows cannot create safe ones and lists the renames; a right-to-left override in a name is shown, not obeyed', async ({
  page,
  browse,
  upload,
}) => {
  const files = {
    CON: 'device',
    'NUL.txt': 'null',
    'aux.c': 'int main;',
    'ads.txt:stream': 'stream',
    'trailing.': 'dot',
    'what?.txt': 'q',
    'Readme.md': 'upper',
    'README.md': 'lower',
    'invoice\u202Etxt.exe': 'MZ',
  };
  await upload.chooseFolder(makeFolder('win', files));
  await upload.field('Artifact name').fill('windows-names');
  await upload.commit();
  await expect(browse.versionHeading('windows-names', 'v0')).toBeVisible();
  expect(await browse.digest()).toBe(artifactDigestOf(files));

  await page.goto('/p/example/a/windows-names/v/v0?tab=files');
  const tree = page.getByRole('tree', { name: 'Files' });
  const disguised = tree.getByRole('treeitem', { name: /^invoice⟨U\+202E⟩txt\.exe,/ });
  await expect(disguised).toBeVisible();
  await expect(disguised).toContainText('invoice⟨U+202E⟩txt.exe');

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download zip' }).click();
  const download = await downloadPromise;
  const dir = mkdtempSync(join(tmpdir(), 'zip-names-'));
  const zipPath = join(dir, 'v.zip');
  await download.saveAs(zipPath);
  const listed = execFileSync('unzip', ['-Z1', zipPath], { encoding: 'utf8', env: UTF8 }).split('\n').filter((line) => line !== '');
  expect(listed.sort()).toEqual(
    ['README.md', 'RENAMED_FILES.json', 'Readme (2).md', '_CON', '_NUL.txt', '_aux.c', 'ads.txt_stream', 'invoice\u202Etxt.exe', 'trailing_', 'what_.txt'].sort(),
  );
  // Every entry is dated with the version's creation (today), not 2098-01-01.
  const today = new Date();
  const ymd = `${today.getFullYear()}${String(today.getMonth() + 1).padStart(2, '0')}${String(today.getDate()).padStart(2, '0')}`;
  const dated = execFileSync('unzip', ['-Z', '-T', zipPath], { encoding: 'utf8', env: UTF8 }).split('\n').filter((line) => /^[-d]r/.test(line));
  expect(dated).toHaveLength(listed.length);
  for (const line of dated) expect(line).toContain(` ${ymd}.`);
  const out = join(dir, 'out');
  execFileSync('unzip', ['-q', zipPath, '-d', out], { env: UTF8 });
  const renames = (JSON.parse(readFileSync(join(out, 'RENAMED_FILES.json'), 'utf8')) as { renamed: { path: string; name: string }[] }).renamed;
  expect(renames).toEqual(
    expect.arrayContaining([
      { path: 'CON', name: '_CON' },
      { path: 'NUL.txt', name: '_NUL.txt' },
      { path: 'aux.c', name: '_aux.c' },
      { path: 'ads.txt:stream', name: 'ads.txt_stream' },
      { path: 'trailing.', name: 'trailing_' },
      { path: 'what?.txt', name: 'what_.txt' },
      { path: 'Readme.md', name: 'Readme (2).md' },
    ]),
  );
  expect(renames).toHaveLength(7);
  // Every file is there, under its listed name, with its bytes.
  const byName = new Map(renames.map((r) => [r.name, r.path]));
  const extracted = readdirSync(out).filter((name) => name !== 'RENAMED_FILES.json' && statSync(join(out, name)).isFile());
  expect(extracted.map((name) => [byName.get(name) ?? name, readFileSync(join(out, name), 'utf8')]).sort()).toEqual(
    Object.entries(files).sort(),
  );
});

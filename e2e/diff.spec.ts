import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/test';
import { writeExampleVersion } from './fixtures/compare-page';

test('classifier v0 vs v1 picked from the versions table: summary, metadata deltas, JSON diff, swap, reload, Markdown', async ({ page, compare }) => {
  await compare.loadExample();
  await page.goto('/p/example/a/classifier');
  await page.getByRole('button', { name: 'Compare v0 with…' }).click();
  await page.getByRole('link', { name: 'Compare with v1' }).click();
  await expect(page).toHaveURL(/\/p\/example\/compare\?a=example%2Fclassifier%3Av0&b=example%2Fclassifier%3Av1$/);

  await expect(compare.count('Modified')).toHaveText('3');
  await expect(compare.count('Added')).toHaveText('0');
  await expect(compare.count('Unchanged')).toHaveText('0');
  // Bytes added and removed, and what they add up to.
  await expect(page.getByLabel('Bytes', { exact: true })).toHaveText(/^\+[\d.]+ k?B −[\d.]+ k?B(net [+−][\d.]+ k?B|same size)$/);
  await expect(compare.summary.getByText('+candidate')).toBeVisible();
  await expect(compare.summary.getByText('−production')).toBeVisible();
  await expect(compare.summary.getByText('train-baseline')).toBeVisible();
  await expect(compare.summary.getByText('train-tuned')).toBeVisible();

  const metadata = page.getByRole('table', { name: 'Metadata changes' });
  await expect(metadata.getByRole('row', { name: /accuracy/ })).toContainText('+0.029');
  // A higher accuracy and a lower loss are both improvements, coloured alike.
  await expect(metadata.getByRole('row', { name: /accuracy/ }).locator('[data-tone]')).toHaveAttribute('data-tone', 'better');
  await expect(metadata.getByRole('row', { name: /^loss/ }).locator('[data-tone]')).toHaveAttribute('data-tone', 'better');
  await expect(metadata.getByRole('row', { name: /^loss/ })).toContainText('-0.053');
  await expect(metadata.getByRole('row', { name: /trained_on/ })).toContainText('"tabular-data:v1"');

  const metrics = await compare.openFile('metrics.json');
  await expect(metrics.getByRole('row', { name: /^epochs/ })).toContainText('+10');
  await expect(page).toHaveURL(/&file=metrics.json$/);

  // The URL reopens the same comparison, file included.
  await page.reload();
  await expect(compare.count('Modified')).toHaveText('3');
  await expect(page.getByRole('region', { name: 'Changes in metrics.json' })).toBeVisible();

  const config = await compare.openFile('config.json');
  await expect(config.getByRole('row', { name: /^lr/ })).toContainText('-0.0005');

  // A text file diff: unified and side by side.
  await page.getByRole('button', { name: 'Swap sides' }).click();
  await expect(page).toHaveURL(/a=example%2Fclassifier%3Av1&b=example%2Fclassifier%3Av0/);
  await expect(page.getByRole('table', { name: 'Metadata changes' }).getByRole('row', { name: /accuracy/ })).toContainText('-0.029');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('compare-classifier-v1-vs-classifier-v0.md');
  const markdown = readFileSync((await file.path()) ?? '', 'utf8');
  expect(markdown).toContain('# Compare `classifier:v1` → `classifier:v0`');
  expect(markdown).toContain('| modified | `model.bin` |');
});

test('tabular-data: compare with the previous version from the version page; CSV cells, text lines and the image slider', async ({ page, compare }) => {
  await compare.loadExample();
  await page.goto('/p/example/a/tabular-data/v/v1');
  await page.getByRole('button', { name: 'Compare with…' }).click();
  await expect(page.getByRole('dialog').getByLabel('Version A')).toHaveValue('example/tabular-data:v0');
  await page.getByRole('dialog').getByRole('link', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/a=example%2Ftabular-data%3Av0&b=example%2Ftabular-data%3Av1/);
  await expect(compare.count('Unchanged')).toHaveText('3');

  // Every 37th train row (from the 6th) had its label flipped: row 6 of train.csv changes "churned".
  const train = await compare.openFile('train.csv');
  await expect(train.getByText('Rows matched by column “customer_id”.')).toBeVisible();
  const changedCell = train.getByRole('cell', { name: /^churned: [01] → [01]$/ }).first();
  await expect(changedCell).toBeVisible();
  await expect(changedCell).toHaveAttribute('data-changed', 'true');
  await expect(train.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('6');

  const readme = await compare.openFile('README.md');
  await expect(readme.getByLabel('Line diff')).toContainText('v1: labels corrected after the label audit');
  await readme.getByRole('radio', { name: 'Side by side' }).click();
  await expect(readme.getByLabel('Line diff')).toContainText('labels corrected');

  const image = await compare.openFile('images/label-balance.png');
  const slider = image.getByRole('slider', { name: 'Swipe position' });
  await expect(slider).toBeVisible();
  await slider.fill('20');
  await expect(image.getByRole('img', { name: 'Image B' })).toHaveAttribute('style', /inset\(0px 0px 0px 20%\)/);
  await image.getByRole('radio', { name: 'Onion skin' }).click();
  await expect(image.getByRole('slider', { name: 'Onion-skin opacity' })).toBeVisible();
  await image.getByRole('radio', { name: 'Pixel difference' }).click();
  await expect(image.getByText(/[\d,]+ of [\d,]+ pixels differ/)).toBeVisible();
  await expect(image.getByText(/^0 of/)).toHaveCount(0);

  // Show every file, filter by path.
  await page.getByLabel('Show only changes').uncheck();
  await page.getByLabel('Filter files by path').fill('images/');
  await expect(compare.files.getByRole('button')).toHaveCount(3);
});

test('check a local folder against a version without storing it', async ({ page, compare }) => {
  await compare.loadExample();
  const folder = writeExampleVersion('classifier@1', 'my-model', (path, bytes) => (path === 'model.bin' ? null : bytes));
  writeFileSync(join(folder, 'metrics.json'), '{"accuracy": 1}\n');
  writeFileSync(join(folder, 'notes.txt'), 'local only\n');

  await page.goto('/p/example/a/classifier/v/v1');
  await page.getByRole('button', { name: 'Check folder…' }).click();
  await page.getByLabel('Choose a folder to check').setInputFiles(folder);
  const result = page.getByRole('region', { name: 'Folder check' });
  await expect(result.getByLabel('match', { exact: true })).toHaveText('1');
  await expect(result.getByLabel('differ', { exact: true })).toHaveText('1');
  await expect(result.getByLabel('missing', { exact: true })).toHaveText('1');
  await expect(result.getByLabel('extra', { exact: true })).toHaveText('1');
  await expect(result).toContainText('model.bin');
  await expect(result).toContainText('notes.txt');
});

import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/test';
import type { Locator, Page } from '@playwright/test';
import { entryDigest, makeFolder } from './fixtures/upload-page';

/** What a screen reader announces for the tree's active row: its accessible name (aria-activedescendant). */
function activeRowName(tree: Locator): Promise<string | null> {
  return tree.evaluate((el) => {
    const id = el.getAttribute('aria-activedescendant');
    const row = id ? document.getElementById(id) : null;
    return row ? `${row.getAttribute('aria-label') ?? ''} [level ${row.getAttribute('aria-level') ?? '?'}, ${row.getAttribute('aria-posinset') ?? '?'} of ${row.getAttribute('aria-setsize') ?? '?'}]` : null;
  });
}

/** The active row itself (it changes as keys are pressed: look it up again after each). */
async function activeRow(tree: Locator): Promise<Locator> {
  const id = await tree.getAttribute('aria-activedescendant');
  expect(id).toBeTruthy();
  return tree.page().locator(`[id="${id ?? ''}"]`);
}

/** axe on the page as it is now: no serious or critical violation (as e2e/a11y.spec.ts checks every screen). */
async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: [${v.impact}] ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  expect(serious, serious.join('\n')).toEqual([]);
}

const PARTS = 250;

test('Files tree by keyboard only: one tab stop, arrows, Home/End, PageDown, type-ahead, → and ←, Enter previews', async ({ page, browse }) => {
  test.setTimeout(120_000);
  // A version with a folder of 250 files (more than the virtual list renders) and two top-level files.
  const files: Record<string, string> = { 'README.md': '# Parts\n', 'config.json': '{"parts": 250}' };
  for (let k = 0; k < PARTS; k++) files[`data/part-${String(k).padStart(3, '0')}.csv`] = `id,value\n${k},${k * k}\n`;
  const dir = makeFolder('parts', files);
  const contents = Object.fromEntries(Object.entries(files).map(([path, text]) => [path, { digest: entryDigest(text), size: Buffer.byteLength(text) }]));
  writeFileSync(join(dir, 'wandb_manifest.json'), JSON.stringify({ version: 1, storagePolicy: 'wandb-storage-policy-v1', storagePolicyConfig: {}, contents }));

  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await page.goto('/p/example/a/tabular-data/v/v1?tab=files');
  await page.getByRole('button', { name: 'Import manifest…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a manifest' });
  await dialog.getByLabel('Into artifact').fill('parts');
  await dialog.getByLabel('Folder', { exact: true }).setInputFiles(dir);
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page).toHaveURL(/\/p\/example\/a\/parts\/v\/v0\?tab=files$/);

  const tree = page.getByRole('tree', { name: 'Files' });
  const filter = page.getByLabel('Filter files');
  await expect(filter).toBeEnabled();

  // From the filter box, Tab reaches the tree after the toolbar's buttons: the rows are not tab stops.
  await filter.focus();
  let tabs = 0;
  while (!(await tree.evaluate((el) => el === document.activeElement)) && tabs < 10) {
    await page.keyboard.press('Tab');
    tabs++;
  }
  await expect(tree).toBeFocused();
  expect(tabs).toBeLessThanOrEqual(5);
  await expect.poll(() => activeRowName(tree)).toMatch(/^Folder data, 250 files, .+ \[level 1, 1 of 3\]$/);
  // The active row is visibly outlined while the tree has focus.
  expect(await (await activeRow(tree)).evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');

  // → opens the folder, → again enters it.
  await page.keyboard.press('ArrowRight');
  await expect(tree.getByRole('treeitem', { name: /^Folder data,/ })).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => activeRowName(tree)).toMatch(/^data\/part-000\.csv, \d+ B \[level 2, 1 of 250\]$/);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => activeRowName(tree)).toMatch(/^data\/part-001\.csv, /);

  // End: the last row (the virtual list scrolled it into view); Home: the first.
  await page.keyboard.press('End');
  await expect.poll(() => activeRowName(tree)).toMatch(/^config\.json, 14 B \[level 1, 3 of 3\]$/);
  await expect(await activeRow(tree)).toBeInViewport();
  await page.keyboard.press('Home');
  await expect.poll(() => activeRowName(tree)).toMatch(/^Folder data,/);
  await expect(await activeRow(tree)).toBeInViewport();

  // PageDown moves by a screenful and keeps the row in view.
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  const paged = Number(/part-(\d+)/.exec((await activeRowName(tree)) ?? '')?.[1]);
  expect(paged).toBeGreaterThan(10);
  await expect(await activeRow(tree)).toBeInViewport();

  // Type-ahead jumps by name, far below what is rendered.
  await page.keyboard.type('part-21', { delay: 20 });
  await expect.poll(() => activeRowName(tree)).toMatch(/^data\/part-210\.csv, /);
  await expect(await activeRow(tree)).toBeInViewport();

  // Enter previews the file; focus stays in the tree.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/path=data%2Fpart-210\.csv$/);
  await expect(page.getByRole('region', { name: 'File preview' }).getByRole('table', { name: 'Table preview' })).toContainText('44100');
  await expect(tree).toBeFocused();
  await expect(await activeRow(tree)).toHaveAttribute('aria-selected', 'true');

  // ← goes to the parent folder, ← again closes it.
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => activeRowName(tree)).toMatch(/^Folder data,/);
  await page.keyboard.press('ArrowLeft');
  await expect(tree.getByRole('treeitem', { name: /^Folder data,/ })).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => activeRowName(tree)).toMatch(/^README\.md, 8 B \[level 1, 2 of 3\]$/);

  // Tab leaves the tree in one step; Shift+Tab comes back to the same row.
  await page.keyboard.press('Tab');
  await expect(tree).not.toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(tree).toBeFocused();
  await expect.poll(() => activeRowName(tree)).toMatch(/^README\.md, /);
  await expectNoSeriousViolations(page, 'files tree with keyboard focus');

  // The import dialog (folder or zip) is clean too, and Escape gives focus back.
  await page.getByRole('button', { name: 'Import manifest…' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Import a manifest' })).toBeVisible();
  await expectNoSeriousViolations(page, 'import dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Import manifest…' })).toBeFocused();
});

import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures/test';
import type { Page } from '@playwright/test';

/** Runs axe on the page as it is now; fails with a readable list of every serious or critical violation. */
async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: [${v.impact}] ${v.id} — ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`);
  expect.soft(serious, serious.join('\n')).toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations on any main screen (${theme} theme)`, async ({ page, browse, upload }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: theme });
    await browse.openEmptyApp();
    await expectNoSeriousViolations(page, 'welcome');
    await browse.loadExampleProject();
    await expect(browse.sidebar.getByRole('link', { name: 'classifier', exact: true })).toBeVisible();
    await expectNoSeriousViolations(page, 'project');

    await browse.openArtifactFromSidebar('classifier');
    await expect(page.getByRole('region', { name: 'Versions' }).getByRole('row')).toHaveCount(3);
    await expectNoSeriousViolations(page, 'artifact');

    // The alias editor open on a versions row.
    await page.getByRole('region', { name: 'Versions' }).getByRole('button', { name: 'Add an alias to v1' }).click();
    await expect(page.getByRole('textbox', { name: 'New alias' })).toBeVisible();
    await expectNoSeriousViolations(page, 'artifact with the alias input open');
    await page.keyboard.press('Escape');

    for (const tab of ['overview', 'files', 'metadata', 'usage', 'versions', 'lineage']) {
      await page.goto(`/p/example/a/classifier/v/v1?tab=${tab}`);
      await expect(browse.versionHeading('classifier', 'v1')).toBeVisible();
      await expect(
        page.getByRole('navigation', { name: 'Version sections' }).getByRole('link', { name: new RegExp(`^${tab}$`, 'i') }),
      ).toHaveAttribute('aria-current', 'page');
      await expectNoSeriousViolations(page, `version tab ${tab}`);
    }

    await page.goto('/p/example/compare?a=example%2Fclassifier%3Av0&b=example%2Fclassifier%3Av1');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page, 'compare');

    await page.goto('/p/example/storage');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page, 'storage');

    await page.goto('/p/example/a/classifier/v/v1');
    const runId = (await page.getByRole('region', { name: 'Produced by' }).getByLabel('Run id', { exact: true }).textContent())?.trim() ?? '';
    expect(runId).not.toBe('');
    await page.goto(`/p/example/runs/${runId}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page, 'run');

    await page.goto('/p/example/lineage');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page, 'lineage page');

    await page.goto('/p/example/a/classifier');
    await upload.dropFiles({ 'a.txt': 'hello', 'b.txt': 'world' });
    await expect(upload.dialog).toBeVisible();
    await expectNoSeriousViolations(page, 'upload draft dialog');
  });
}

test('keyboard only: sidebar artifact, a version, the tabs, and a dialog that gives focus back on Escape', async ({ page, browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();

  // Tab to the sidebar's artifact link and activate it with Enter.
  const artifactLink = browse.sidebar.getByRole('link', { name: 'classifier', exact: true });
  await expect(artifactLink).toBeVisible();
  for (let i = 0; i < 60 && !(await artifactLink.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(artifactLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'classifier', exact: true })).toBeVisible();

  // Tab to the v1 link of the versions table and open it.
  const versionLink = page.getByRole('region', { name: 'Versions' }).getByRole('link', { name: /^v1\b/ }).first();
  for (let i = 0; i < 80 && !(await versionLink.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(versionLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(browse.versionHeading('classifier', 'v1')).toBeVisible();

  // The section tabs are links: Tab reaches the current one, the next Tab the following one.
  const sections = page.getByRole('navigation', { name: 'Version sections' });
  const overview = sections.getByRole('link', { name: 'Overview' });
  for (let i = 0; i < 80 && !(await overview.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(overview).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(sections.getByRole('link', { name: 'Metadata' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/tab=metadata/);
  await expect(sections.getByRole('link', { name: 'Metadata' })).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Tab');
  await expect(sections.getByRole('link', { name: 'Files' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/tab=files/);

  // A dialog opened from the keyboard closes on Escape and gives focus back to its opener.
  const opener = page.getByRole('button', { name: 'Compare with…' });
  for (let i = 0; i < 80 && !(await opener.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
  await expect(opener).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('the first Tab reaches a skip link that moves focus past the header to the page content', async ({ page, browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await page.goto('/p/example/a/classifier');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await expect(page).toHaveURL(/\/p\/example\/a\/classifier$/);
});

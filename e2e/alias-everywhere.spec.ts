import { expect, test } from './fixtures/test';

// Issue 5: aliases are edited by clicking wherever a version shows them — here the version page
// header and the lineage side panel (the versions table is covered by aliases.spec.ts).
test('edit aliases from the version page header and from the lineage panel', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load example project' }).click();
  await page.waitForURL('**/p/example', { timeout: 30_000 });

  // Version page header: "+" opens a validated input; the new chip shows in the header.
  await page.goto('/p/example/a/classifier/v/v1');
  const header = page.locator('header').filter({ has: page.getByRole('heading', { level: 1 }) });
  await header.getByRole('button', { name: 'Add an alias to v1' }).click();
  await header.getByRole('textbox', { name: 'New alias' }).fill('a/b');
  await expect(header.getByRole('alert')).toContainText('"/"');
  await header.getByRole('textbox', { name: 'New alias' }).fill('staging');
  await header.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(header.getByRole('button', { name: 'Remove alias staging from v1' })).toBeVisible();
  await expect(header.getByText('latest', { exact: true })).toBeVisible();
  await expect(header.getByRole('button', { name: /Remove alias latest/ })).toHaveCount(0);

  // Lineage panel: remove the alias, then move production here (with the confirmation).
  await page.goto('/p/example/lineage');
  const graph = page.getByRole('region', { name: 'Lineage graph' });
  await graph.getByTestId('lineage-node-example/classifier:v1').click();
  const panel = page.getByRole('complementary', { name: 'Node details' });
  await expect(panel.getByRole('heading', { name: 'classifier:v1' })).toBeVisible();
  await panel.getByRole('button', { name: 'Remove alias staging from v1' }).click();
  await expect(panel.getByText('staging', { exact: true })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Add an alias to v1' }).click();
  await panel.getByRole('textbox', { name: 'New alias' }).fill('production');
  await panel.getByRole('button', { name: 'Add', exact: true }).click();
  const move = page.getByRole('dialog', { name: 'Move production from v0 to v1?' });
  await move.getByRole('button', { name: 'Move production' }).click();
  await expect(move).toBeHidden();
  await expect(panel.getByRole('button', { name: 'Remove alias production from v1' })).toBeVisible();

  // The version page of v0 no longer shows production.
  await page.goto('/p/example/a/classifier/v/v0');
  await expect(header.getByRole('heading', { level: 1 })).toContainText('classifier:v0');
  await expect(header.getByText('production', { exact: true })).toHaveCount(0);
});

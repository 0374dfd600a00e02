import { expect, test } from './fixtures/test';

test("a version's Usage tab lists the runs that used it, linking to each run and its lineage; deleting it warns how many runs used it", async ({ page, aliases }) => {
  await aliases.loadExample();

  // tabular-data:v1 was used by train-tuned and then evaluate (newest first).
  await page.goto('/p/example/a/tabular-data/v/v1?tab=usage');
  const usedBy = page.getByRole('region', { name: 'Used by' });
  const rows = usedBy.getByRole('row').filter({ has: page.getByRole('link') });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('evaluate');
  await expect(rows.nth(0)).toContainText('eval');
  await expect(rows.nth(0)).toContainText('finished');
  await expect(rows.nth(1)).toContainText('train-tuned');
  await expect(rows.nth(1)).toContainText('train');

  await usedBy.getByRole('row', { name: 'evaluate' }).getByRole('link', { name: 'Lineage' }).click();
  await expect(page).toHaveURL(/\/p\/example\/lineage\?focus=run%3A/);
  await page.goBack();
  await usedBy.getByRole('link', { name: 'train-tuned' }).click();
  await expect(page).toHaveURL(/\/p\/example\/runs\//);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('train-tuned');

  // A version no run used says so.
  await page.goto('/p/example/a/classifier/v/v0?tab=usage');
  await expect(page.getByRole('region', { name: 'Used by' })).toContainText('No run has used this version yet.');

  // raw-data:v0 fed both preprocessing runs: the delete dialog says so before anything is deleted.
  await aliases.openArtifact('example', 'raw-data');
  await aliases.row('v0').getByRole('checkbox', { name: 'Select v0' }).check();
  await page.getByRole('button', { name: 'Delete version' }).click();
  const dialog = aliases.dialog('Delete raw-data:v0?');
  await expect(dialog).toContainText('Used by 2 runs: their records keep naming this version as an input');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // classifier:v0 was used by no run: no such line.
  await aliases.openArtifact('example', 'classifier');
  await aliases.row('v0').getByRole('checkbox', { name: 'Select v0' }).check();
  await page.getByRole('button', { name: 'Delete version' }).click();
  await expect(aliases.dialog('Delete classifier:v0?')).toBeVisible();
  await expect(aliases.dialog('Delete classifier:v0?')).not.toContainText('Used by');
});

import { expect, test } from './fixtures/test';
import { AliasesPage } from './fixtures/aliases-page';


test('add, move with confirmation, remove, roll back and protect an alias by clicking', async ({ page, aliases }) => {
  await aliases.loadExample();
  await aliases.openArtifact('example', 'classifier');
  await expect(aliases.chip('v0', 'production')).toBeVisible();
  await expect(aliases.chip('v1', 'candidate')).toBeVisible();

  // Validated as you type, each refusal naming its rule.
  await aliases.typeAlias('v1', 'v3');
  await expect(aliases.row('v1').getByRole('alert')).toContainText('reserved');
  await expect(aliases.row('v1').getByRole('button', { name: 'Add', exact: true })).toBeDisabled();
  await aliases.row('v1').getByRole('textbox', { name: 'New alias' }).fill('a/b');
  await expect(aliases.row('v1').getByRole('alert')).toContainText('"/"');
  await aliases.row('v1').getByRole('textbox', { name: 'New alias' }).fill('latest');
  await expect(aliases.row('v1').getByRole('alert')).toContainText('managed automatically');
  await aliases.row('v1').getByRole('button', { name: 'Cancel' }).click();

  // Add.
  await aliases.addAlias('v1', 'staging');
  await expect(aliases.chip('v1', 'staging')).toBeVisible();

  // Move: confirmation with a compact comparison and a link to the full diff.
  await aliases.addAlias('v1', 'production');
  const move = aliases.dialog('Move production from v0 to v1?');
  await expect(move).toBeVisible();
  await expect(move.getByLabel('Comparison')).toContainText(/\d+ added, \d+ removed, \d+ modified/);
  await expect(move.getByRole('link', { name: 'Open the full diff' })).toHaveAttribute(
    'href',
    '/p/example/compare?a=example%2Fclassifier%3Av0&b=example%2Fclassifier%3Av1',
  );
  await move.getByRole('button', { name: 'Move production' }).click();
  await expect(move).toBeHidden();
  await expect(aliases.chip('v1', 'production')).toBeVisible();
  await expect(aliases.chip('v0', 'production')).toHaveCount(0);

  // Remove.
  await aliases.removeAlias('v1', 'staging');
  await expect(aliases.chip('v1', 'staging')).toHaveCount(0);
  // Its history says so, with no lock action for an alias nobody holds, and a way back that looks like a button.
  const removed = aliases.history('staging');
  await expect(removed.getByRole('listitem').first()).toContainText(/^—removed /);
  await expect(removed.getByRole('button', { name: /protect staging/i })).toHaveCount(0);
  await expect(removed.getByRole('button', { name: 'Roll back staging to v1' })).toHaveCSS('border-top-style', 'solid');

  // History and one-click rollback.
  const history = aliases.history('production');
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await history.getByRole('button', { name: 'Roll back production to v0' }).click();
  await expect(aliases.chip('v0', 'production')).toBeVisible();
  await expect(aliases.chip('v1', 'production')).toHaveCount(0);
  await expect(history.getByRole('listitem')).toHaveCount(3);

  // Protected: dragging the chip onto another row asks for the typed name.
  await history.getByRole('button', { name: 'Protect production' }).click();
  await expect(history.getByRole('button', { name: 'Unprotect production' })).toBeVisible();
  await aliases.chip('v0', 'production').dragTo(aliases.row('v1'));
  const guarded = aliases.dialog('Move production from v0 to v1?');
  await expect(guarded.getByRole('button', { name: 'Move production' })).toBeDisabled();
  // Enter does nothing until the name matches, then confirms like the button.
  await guarded.getByLabel(/is protected/).fill('producti');
  await guarded.getByLabel(/is protected/).press('Enter');
  await expect(guarded).toBeVisible();
  await guarded.getByLabel(/is protected/).fill('production');
  await guarded.getByLabel(/is protected/).press('Enter');
  await expect(guarded).toBeHidden();
  await expect(aliases.chip('v1', 'production')).toBeVisible();

  // A protected alias blocks deleting its version, and survives a reload.
  await page.reload();
  await aliases.row('v1').getByRole('checkbox', { name: 'Select v1' }).check();
  await page.getByRole('button', { name: 'Delete version' }).click();
  const del = aliases.dialog('Delete classifier:v1?');
  // Said before anything is tried, and the delete cannot be pressed.
  await expect(del.getByRole('note')).toContainText('classifier:v1 holds the protected alias "production": move or unprotect it before deleting.');
  await expect(del.getByRole('button', { name: 'Remove the aliases and delete' })).toBeDisabled();
  await del.getByRole('button', { name: 'Cancel' }).click();
  await expect(aliases.row('v1')).toBeVisible();
});

test('deleting versions that hold aliases names them up front and deletes them with their aliases', async ({ page, aliases }) => {
  await aliases.loadExample();
  await aliases.openArtifact('example', 'classifier');
  await aliases.row('v0').getByRole('checkbox', { name: 'Select v0' }).check();
  await aliases.row('v1').getByRole('checkbox', { name: 'Select v1' }).check();
  await page.getByRole('button', { name: 'Delete 2 versions' }).click();
  const dialog = aliases.dialog('Delete 2 versions?');
  await expect(dialog.getByRole('note')).toHaveText('This also removes "production" from classifier:v0; "candidate" from classifier:v1.');
  await expect(dialog.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0);
  await expect(aliases.row('v0')).toBeVisible();
  await dialog.getByRole('button', { name: 'Remove the aliases and delete' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Every version of this artifact was deleted.')).toBeVisible();

  // Indices are never reused: the history still names the deleted versions.
  await expect(aliases.history('production')).toContainText('(deleted)');
});

test('two pages of the app see each other’s alias changes', async ({ context }) => {
  const first = new AliasesPage(await context.newPage());
  const second = new AliasesPage(await context.newPage());
  await first.loadExample();
  await first.openArtifact('example', 'classifier');
  await second.openArtifact('example', 'classifier');
  await expect(second.chip('v0', 'production')).toBeVisible();

  await first.addAlias('v0', 'shared');
  await expect(first.chip('v0', 'shared')).toBeVisible();
  await expect(second.chip('v0', 'shared')).toBeVisible({ timeout: 1_000 });

  await second.removeAlias('v0', 'shared');
  await expect(second.chip('v0', 'shared')).toHaveCount(0);
  await expect(first.chip('v0', 'shared')).toHaveCount(0, { timeout: 1_000 });
});

test('deleting a run asks what to do with its outputs', async ({ page, aliases }) => {
  await aliases.loadExample();
  await page.goto('/p/example/a/classifier/v/v1');
  const produced = page.getByRole('region', { name: 'Produced by' });
  await expect(produced).toContainText('train-tuned');
  const runId = (await produced.getByLabel('Run id', { exact: true }).textContent())?.trim() ?? '';
  await page.goto(`/p/example/runs/${runId}`);
  await page.getByRole('button', { name: 'Delete run' }).click();
  const dialog = aliases.dialog('Delete run train-tuned?');
  await dialog.getByRole('button', { name: 'Delete its outputs too' }).click();
  await expect(dialog.getByRole('alert')).toContainText('v1 holds the alias "candidate"');
  await dialog.getByRole('button', { name: 'Remove the aliases and delete its outputs' }).click();
  await page.waitForURL(/\/p\/example$/);
  await aliases.openArtifact('example', 'classifier');
  await expect(aliases.row('v0')).toBeVisible();
  await expect(aliases.row('v1')).toHaveCount(0);
});

test('a version’s lifecycle tab sets a TTL and deletes the version', async ({ page, aliases }) => {
  await aliases.loadExample();
  await page.goto('/p/example/a/classifier/v/v1?tab=lifecycle');
  await page.getByRole('textbox', { name: 'Time to live in days' }).fill('30');
  await page.getByRole('button', { name: 'Set TTL' }).click();
  await expect(page.getByRole('region', { name: 'Time to live' })).toContainText('Expires');
  // The versions table shows the time to live beside the version.
  await page.goto('/p/example/a/classifier');
  await expect(page.getByRole('columnheader', { name: 'Expires' })).toBeVisible();
  await expect(aliases.row('v1')).toContainText('(TTL 30 d)');
  await expect(aliases.row('v0')).toContainText('—');
  await page.goto('/p/example/a/classifier/v/v1?tab=lifecycle');
  await page.getByRole('button', { name: 'Clear TTL' }).click();
  await expect(page.getByRole('region', { name: 'Time to live' })).toContainText('Kept until deleted.');
  await expect(page.getByText(/Deleting v1 frees \d/)).toBeVisible();

  await page.getByRole('button', { name: 'Delete v1' }).click();
  const dialog = aliases.dialog('Delete classifier:v1?');
  await expect(dialog.getByRole('note')).toHaveText('This also removes "candidate" from classifier:v1.');
  await dialog.getByRole('button', { name: 'Remove the aliases and delete' }).click();
  await page.waitForURL(/\/p\/example\/a\/classifier$/);
  // Deleting the version the page showed reads as a success: one toast, no failed refresh of it.
  await expect(aliases.toast('Deleted classifier:v1')).toBeVisible();
  await expect(aliases.row('v0')).toBeVisible();
  await expect(aliases.row('v1')).toHaveCount(0);
  // latest moved back to v0.
  await expect(aliases.chip('v0', 'latest')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not refresh data' })).toHaveCount(0);
});

test('every alias and TTL change is announced and can be undone from its toast', async ({ page, aliases }) => {
  await aliases.loadExample();
  await aliases.openArtifact('example', 'classifier');

  await aliases.addAlias('v1', 'staging');
  await expect(aliases.chip('v1', 'staging')).toBeVisible();
  await aliases.undo('Added staging to v1');
  await expect(aliases.toast('Undone: staging removed again')).toBeVisible();
  await expect(aliases.chip('v1', 'staging')).toHaveCount(0);

  await aliases.addAlias('v1', 'production');
  await aliases.dialog('Move production from v0 to v1?').getByRole('button', { name: 'Move production' }).click();
  await expect(aliases.chip('v1', 'production')).toBeVisible();
  await aliases.undo('Moved production from v0 to v1');
  await expect(aliases.chip('v0', 'production')).toBeVisible();
  await expect(aliases.chip('v1', 'production')).toHaveCount(0);

  await aliases.removeAlias('v1', 'candidate');
  await expect(aliases.chip('v1', 'candidate')).toHaveCount(0);
  await aliases.undo('Removed candidate from v1');
  await expect(aliases.chip('v1', 'candidate')).toBeVisible();

  await page.goto('/p/example/a/classifier/v/v1?tab=lifecycle');
  await page.getByRole('textbox', { name: 'Time to live in days' }).fill('30');
  await page.getByRole('button', { name: 'Set TTL' }).click();
  await expect(page.getByRole('region', { name: 'Time to live' })).toContainText('Expires');
  await aliases.undo('Time to live of v1 set to 30 days');
  await expect(page.getByRole('region', { name: 'Time to live' })).toContainText('Kept until deleted.');
});

import { expect, test } from './fixtures/test';

/** Alias editing from the keyboard: focus stays on the row acted on, dialogs start on their action, focus is visible. */
test('after adding, moving and protecting an alias by keyboard, focus is back on the row acted on', async ({ page, aliases }) => {
  await aliases.loadExample();
  await aliases.openArtifact('example', 'classifier');
  const plusV1 = aliases.row('v1').getByRole('button', { name: 'Add an alias to v1' });

  // Add: Enter on "+", type, Enter → focus returns to that row's "+".
  await plusV1.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('staging');
  await page.keyboard.press('Enter');
  await expect(aliases.chip('v1', 'staging')).toBeVisible();
  await expect(plusV1).toBeFocused();

  // The chip's remove button shows where focus is.
  await page.keyboard.press('Shift+Tab');
  const remove = aliases.row('v1').getByRole('button', { name: 'Remove alias staging from v1' });
  await expect(remove).toBeFocused();
  await expect(remove).not.toHaveCSS('outline-style', 'none');

  // Move: the dialog starts on its action (not on the link to the diff), Enter moves, focus lands on the row moved to.
  await plusV1.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('production');
  await page.keyboard.press('Enter');
  const move = aliases.dialog('Move production from v0 to v1?');
  await expect(move).toBeVisible();
  await expect(move.getByRole('button', { name: 'Move production' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(move).toBeHidden();
  await expect(aliases.chip('v1', 'production')).toBeVisible();
  await expect(plusV1).toBeFocused();

  // Protect from the history: focus stays on the toggle, now "Unprotect".
  const history = aliases.history('production');
  await history.getByRole('button', { name: 'Protect production' }).focus();
  await page.keyboard.press('Enter');
  await expect(history.getByRole('button', { name: 'Unprotect production' })).toBeFocused();

  // A protected move starts on the field that asks for the name.
  await aliases.row('v0').getByRole('button', { name: 'Add an alias to v0' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('production');
  await page.keyboard.press('Enter');
  const guarded = aliases.dialog('Move production from v1 to v0?');
  await expect(guarded.getByLabel(/is protected/)).toBeFocused();
});

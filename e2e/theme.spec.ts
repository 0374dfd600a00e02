import { expect, test } from './fixtures/test';
import type { Page } from '@playwright/test';

const KEY = 'artifact-studio:theme';

async function theme(page: Page): Promise<{ dark: boolean; background: string; saved: string | null }> {
  return page.evaluate((key) => ({
    dark: document.documentElement.classList.contains('dark'),
    background: getComputedStyle(document.body).backgroundColor,
    saved: localStorage.getItem(key),
  }), KEY);
}

test('the theme follows the OS until the user picks one, and the pick is kept across reloads and OS changes', async ({ page }) => {
  // Unset: follows the OS, at load and live.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const toggleToLight = page.getByRole('button', { name: 'Use light theme' });
  await expect(toggleToLight).toBeVisible();
  const darkState = await theme(page);
  expect(darkState).toMatchObject({ dark: true, saved: null });

  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.getByRole('button', { name: 'Use dark theme' })).toBeVisible();
  const lightState = await theme(page);
  expect(lightState).toMatchObject({ dark: false, saved: null });
  expect(lightState.background).not.toBe(darkState.background);

  // A pick wins over the OS and is saved.
  await page.getByRole('button', { name: 'Use dark theme' }).click();
  expect(await theme(page)).toMatchObject({ dark: true, saved: 'dark', background: darkState.background });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Use light theme' })).toBeVisible();
  expect(await theme(page)).toMatchObject({ dark: true, saved: 'dark' });

  // OS changes no longer override it, live or on reload.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Use light theme' }).click();
  expect(await theme(page)).toMatchObject({ dark: false, saved: 'light', background: lightState.background });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Use dark theme' })).toBeVisible();
  expect(await theme(page)).toMatchObject({ dark: false, saved: 'light' });
});

import { expect, test } from './fixtures/test';

test('after one visit the app loads offline: a deep link, the example project, a version and its lazy tabs', async ({ page, context, browse }) => {
  await browse.openEmptyApp();
  // Wait for the service worker to install (precaching every built file) and take control.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const manifest = await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute('href'));
  expect(manifest).toBe('/manifest.webmanifest');

  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  // A deep link that was never visited online loads: the cached shell, then the app (its store is still empty).
  await page.goto('/p/example/a/classifier/v/v1?tab=files');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Artifact Studio' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Artifacts' })).toBeVisible();

  await browse.openEmptyApp();
  await browse.loadExampleProject();
  await browse.openArtifactFromSidebar('classifier');
  await browse.openVersionFromSidebar('classifier', 'v1');
  expect(await browse.aliases()).toEqual(['latest', 'candidate']);

  // Tabs that load their code on demand come from the cache too.
  await page.getByRole('navigation', { name: 'Version sections' }).getByRole('link', { name: 'Files' }).click();
  await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Version sections' }).getByRole('link', { name: 'Lineage' }).click();
  await expect(page).toHaveURL(/tab=lineage/);
  await expect(page.getByTestId(/^lineage-node-/).first()).toBeVisible();

  // A reload of the deep link, still offline, comes back on the same version.
  await page.reload();
  await expect(browse.versionHeading('classifier', 'v1')).toBeVisible();
  await context.setOffline(false);
});

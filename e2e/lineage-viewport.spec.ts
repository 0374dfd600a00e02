import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures/test';

/** The lineage view keeps what matters on screen: re-fit after depth changes, the selected node beside an opened panel. */
async function expectInside(inner: Locator, outer: Locator): Promise<void> {
  await expect
    .poll(async () => {
      const a = await inner.boundingBox();
      const b = await outer.boundingBox();
      if (!a || !b) return 'not laid out';
      const inside = a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
      return inside ? 'inside' : `${JSON.stringify(a)} outside ${JSON.stringify(b)}`;
    })
    .toBe('inside');
}

test.beforeEach(async ({ browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
});

test('changing the depth re-fits the graph, so every node of the new scope is on screen', async ({ page }) => {
  await page.goto('/p/example/lineage?focus=example%2Fclassifier%3Av1&up=1&down=1');
  const graph = page.getByRole('region', { name: 'Lineage graph' });
  await expect(graph.getByTestId('lineage-node-example/classifier:v1')).toBeVisible();
  // zoomed in, as someone looking closely at one node would be
  for (let i = 0; i < 2; i++) await graph.getByRole('button', { name: 'Zoom In' }).click();
  await page.getByLabel('Upstream depth').selectOption('all');
  await expect(graph.getByTestId('lineage-node-example/raw-data:v0')).toBeAttached();
  const pane = graph.locator('.react-flow');
  for (const node of await graph.locator('.react-flow__node').all()) await expectInside(node, pane);
});

test('opening the side panel never hides the clicked node behind it; a long run config stays inside the panel', async ({ page }) => {
  await page.goto('/p/example/lineage');
  const graph = page.getByRole('region', { name: 'Lineage graph' });
  const pane = graph.locator('.react-flow');
  const sink = graph.getByTestId('lineage-node-example/eval-report:v0');
  await expect(sink).toBeVisible();
  await sink.click();
  const panel = page.getByRole('complementary', { name: 'Node details' });
  await expect(panel).toBeVisible();
  await expectInside(sink, pane);

  await page.getByRole('button', { name: 'Record run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record run' });
  await dialog.getByLabel('Run name').fill('long-config');
  await dialog.getByLabel('Job type').fill('train');
  const config = { optimizer: { name: 'adamw', betas: [0.9, 0.999], weight_decay: 0.01 }, schedule: 'cosine-with-warmup-and-a-rather-long-descriptive-name', layers: Array.from({ length: 12 }, (_, i) => i * 64) };
  await dialog.getByLabel('Config (JSON object)').fill(JSON.stringify(config));
  await dialog.getByLabel('Input versions').selectOption(['example/classifier:v1']);
  await dialog.getByRole('button', { name: 'Record run' }).click();
  await expect(dialog).toBeHidden();
  await graph.locator('[data-testid^="lineage-node-run:"]').filter({ hasText: 'long-config' }).click();
  const shown = panel.getByLabel('Run config');
  await expect(shown).toContainText('cosine-with-warmup');
  await expectInside(shown, panel);
  await expectInside(graph.locator('[data-testid^="lineage-node-run:"]').filter({ hasText: 'long-config' }), pane);
});

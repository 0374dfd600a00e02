import { expect, test } from './fixtures/test';
import type { Page } from '@playwright/test';
import { makeFolder } from './fixtures/upload-page';

test.beforeEach(async ({ browse }) => {
  await browse.openEmptyApp();
  await browse.loadExampleProject();
});

test('the example lineage shows the chain raw-data → preprocess → tabular-data → train → classifier → evaluate → eval-report', async ({ page, lineage }) => {
  await page.getByRole('link', { name: 'Lineage', exact: true }).click();
  await expect(page).toHaveURL(/\/p\/example\/lineage$/);
  await expect(lineage.node('example/raw-data:v0')).toBeVisible();

  await lineage.open('?focus=example%2Feval-report%3Av0&up=all&down=0');
  const chain = [
    'example/raw-data:v0',
    await lineage.runNodeId('preprocess-label-audit'),
    'example/tabular-data:v1',
    await lineage.runNodeId('train-tuned'),
    'example/classifier:v1',
    await lineage.runNodeId('evaluate'),
    'example/eval-report:v0',
  ];
  for (const id of chain) await expect(lineage.node(id)).toBeVisible();
  for (let i = 0; i + 1 < chain.length; i++) await expect(lineage.edge(chain[i] ?? '', chain[i + 1] ?? '')).toBeAttached();
  await expect(lineage.node('example/classifier:v0')).toHaveCount(0);

  // clicking a node opens its panel, whose Open link leads to the version page
  await lineage.node('example/classifier:v1').click();
  await expect(lineage.panel.getByRole('heading', { name: 'classifier:v1' })).toBeVisible();
  await expect(lineage.panel.getByLabel('Digest')).toHaveText(/^[0-9a-f]{32}$/);
  await expect(lineage.panel.getByText('candidate')).toBeVisible();
  await lineage.runNode('train-tuned').click();
  await expect(lineage.panel.getByRole('heading', { name: 'train-tuned' })).toBeVisible();
  await expect(lineage.panel.getByLabel('Job type')).toHaveText('train');
  await lineage.panel.getByRole('link', { name: 'Open' }).click();
  await expect(page).toHaveURL(/\/p\/example\/runs\//);
  await expect(page.getByRole('heading', { level: 1, name: 'train-tuned' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Outputs' }).getByRole('link', { name: 'classifier:v1' })).toBeVisible();
});

test('the minimap pans the view when clicked', async ({ page, lineage }) => {
  await lineage.open('');
  const minimap = page.getByRole('img', { name: 'Lineage minimap' });
  await expect(minimap).toBeVisible();
  const viewport = lineage.graph.locator('.react-flow__viewport');
  const before = await viewport.getAttribute('style');
  const box = await minimap.boundingBox();
  if (!box) throw new Error('minimap has no box');
  await page.mouse.click(box.x + 5, box.y + 5);
  await expect.poll(() => viewport.getAttribute('style')).not.toBe(before);
});

test('recording runs adds their input edges; five siblings form a cluster that can be searched, pulled from and expanded', async ({
  page,
  lineage,
}) => {
  await lineage.open('?focus=example%2Fclassifier%3Av1&up=2&down=1');
  await lineage.recordRun('sweep-0', 'sweep', ['example/classifier:v1']);
  // the recorded run is focused, with the edge from its input
  await expect(page).toHaveURL(/focus=run%3A/);
  const first = await lineage.runNodeId('sweep-0');
  await expect(lineage.edge('example/classifier:v1', first)).toBeAttached();
  for (let i = 1; i < 5; i++) await lineage.recordRun(`sweep-${i}`, 'sweep', ['example/classifier:v1']);

  await lineage.open('?focus=example%2Fclassifier%3Av1&up=2&down=1');
  const cluster = lineage.graph.getByLabel('Cluster of 5 sweep runs');
  await expect(cluster).toBeVisible();
  await expect(lineage.runNode('sweep-')).toHaveCount(0);
  await expect(lineage.runNode('evaluate')).toBeVisible();

  await cluster.getByLabel('Search sweep runs').fill('sweep-3');
  await cluster.getByRole('button', { name: 'Pull out' }).click();
  await expect(lineage.runNode('sweep-3')).toBeVisible();
  await expect(lineage.graph.getByLabel('Cluster of 4 sweep runs')).toBeVisible();

  await lineage.graph.getByLabel('Cluster of 4 sweep runs').getByRole('button', { name: 'Expand' }).click();
  await expect(lineage.runNode('sweep-')).toHaveCount(5);
  await expect(lineage.graph.getByLabel(/Cluster of/)).toHaveCount(0);
});

test('a deep link restores focus, depths and direction after a reload; filters dim non-matches', async ({ page, lineage }) => {
  await lineage.open('?focus=example%2Fclassifier%3Av1&up=1&down=all&dir=TB');
  const check = async () => {
    await expect(page.getByLabel('Upstream depth')).toHaveValue('1');
    await expect(page.getByLabel('Downstream depth')).toHaveValue('all');
    await expect(page.getByRole('button', { name: 'Top ↓ bottom' })).toHaveAttribute('aria-pressed', 'true');
    await expect(lineage.runNode('train-tuned')).toBeVisible();
    await expect(lineage.node('example/eval-report:v0')).toBeVisible();
    await expect(lineage.node('example/tabular-data:v1')).toHaveCount(0);
  };
  await check();
  await page.reload();
  await check();

  await page.getByLabel('Upstream depth').selectOption('2');
  await expect(page).toHaveURL(/up=2/);
  await expect(lineage.node('example/tabular-data:v1')).toBeVisible();

  await page.getByRole('group', { name: 'Artifact types' }).getByRole('button', { name: 'model' }).click();
  await expect(page).toHaveURL(/types=model/);
  await expect(lineage.node('example/classifier:v1')).not.toHaveAttribute('data-dimmed', 'true');
  await expect(lineage.node('example/tabular-data:v1')).toHaveAttribute('data-dimmed', 'true');
});

test('what changed upstream marks the other branch; a path between two nodes is highlighted', async ({ lineage }) => {
  await lineage.open('');
  await lineage.node('example/classifier:v1').click();
  await lineage.panel.getByLabel('What changed upstream, compared with').selectOption('example/classifier:v0');
  await expect(lineage.page.getByRole('status').filter({ hasText: 'upstream versions and runs differ' })).toContainText('6 upstream');
  for (const changed of ['example/tabular-data:v0', 'example/tabular-data:v1']) await expect(lineage.node(changed)).toHaveAttribute('data-changed', 'true');
  await expect(lineage.runNode('train-baseline')).toHaveAttribute('data-changed', 'true');
  await expect(lineage.node('example/raw-data:v0')).not.toHaveAttribute('data-changed', 'true');
  await lineage.page.getByRole('button', { name: 'Clear comparison' }).click();

  await lineage.node('example/eval-report:v0').click();
  // The panel must show the new selection before "Path to…" starts from it.
  await expect(lineage.panel).toContainText('eval-report:v0');
  await lineage.panel.getByRole('button', { name: 'Path to…' }).click();
  await lineage.node('example/raw-data:v0').click();
  await expect(lineage.page.getByRole('status').filter({ hasText: 'Path' })).toContainText('7 nodes');
  await expect(lineage.runNode('train-tuned')).toHaveAttribute('data-on-path', 'true');
  await expect(lineage.runNode('train-baseline')).not.toHaveAttribute('data-on-path', 'true');
  const tuned = await lineage.runNodeId('train-tuned');
  const baseline = await lineage.runNodeId('train-baseline');
  await expect(lineage.pathEdge(tuned, 'example/classifier:v1')).toBeAttached();
  await expect(lineage.edge(baseline, 'example/classifier:v0')).toBeAttached();
  await expect(lineage.pathEdge(baseline, 'example/classifier:v0')).toHaveCount(0);
});

test('an upload with a producing run and an input shows both edges, and the lineage updates without a reload', async ({ page, lineage, upload }) => {
  await lineage.open('?focus=example%2Fclassifier%3Av1&up=1&down=2');
  await expect(lineage.runNode('predict')).toHaveCount(0);
  await page.goto('/p/example');
  await upload.chooseFolder(makeFolder('predictions', { 'preds.csv': 'id,label\n1,cat\n' }));
  await upload.field('Artifact name').fill('predictions');
  await upload.dialog.getByText('Producing run (optional)').click();
  await upload.dialog.getByLabel('Record a run that produced this version').check();
  await upload.field('Run name').fill('predict');
  await upload.field('Job type').fill('inference');
  await upload.dialog.getByLabel('Input versions').selectOption(['example/classifier:v1']);
  await upload.commit();
  await expect(page).toHaveURL(/\/p\/example\/a\/predictions\/v\/v0$/);

  await page.getByRole('tab', { name: 'Lineage' }).or(page.getByRole('link', { name: 'Lineage', exact: true })).first().click();
  await page.getByRole('link', { name: 'Open full lineage' }).click();
  await expect(lineage.node('example/predictions:v0')).toBeVisible();
  const run = await lineage.runNodeId('predict');
  await expect(lineage.edge('example/classifier:v1', run)).toBeAttached();
  await expect(lineage.edge(run, 'example/predictions:v0')).toBeAttached();
});

test('a run recorded on the lineage page gets outputs: from its run page, and by picking it in an upload; the lineage shows run → version', async ({
  page,
  lineage,
  upload,
}) => {
  await lineage.open('?focus=example%2Ftabular-data%3Av1&up=1&down=1');
  await lineage.recordRun('mislabel-check', 'audit', ['example/tabular-data:v1']);
  const runNode = await lineage.runNodeId('mislabel-check');
  await lineage.runNode('mislabel-check').click();
  await lineage.panel.getByRole('link', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'mislabel-check' })).toBeVisible();
  const outputs = page.getByRole('region', { name: 'Outputs' });
  await expect(outputs).toContainText('Outputs (0)');

  // The run page's action opens the upload with this run already chosen as the producer.
  await expect(page.getByRole('button', { name: 'Attach output folder' })).toBeVisible();
  await page.getByTestId('upload-folder-input').first().setInputFiles(makeFolder('audit', { 'findings.csv': 'row,issue\n3,mislabelled\n' }));
  await expect(upload.dialog).toBeVisible();
  await upload.field('Artifact name').fill('audit-report');
  await expect(upload.dialog.getByLabel('A run already recorded in this project')).toBeChecked();
  await expect(upload.field('Run')).toHaveValue(runNode.replace('run:', ''));
  await upload.commit();
  await expect(page).toHaveURL(/\/p\/example\/a\/audit-report\/v\/v0$/);
  await expect(page.getByRole('region', { name: 'Produced by' })).toContainText('mislabel-check');

  // From the project page: an upload picks the same run from the project's runs.
  await page.goto('/p/example');
  await upload.chooseFolder(makeFolder('audit-2', { 'summary.md': '# 1 issue\n' }));
  await upload.field('Artifact name').fill('audit-summary');
  await upload.dialog.getByText('Producing run (optional)').click();
  await upload.dialog.getByLabel('A run already recorded in this project').check();
  await expect(upload.field('Run').locator('option', { hasText: /^mislabel-check · audit · finished · / })).toHaveCount(1);
  await upload.field('Run').selectOption(runNode.replace('run:', ''));
  await upload.commit();
  await expect(page).toHaveURL(/\/p\/example\/a\/audit-summary\/v\/v0$/);

  await lineage.open(`?focus=${encodeURIComponent(runNode)}&up=1&down=1`);
  await expect(lineage.edge('example/tabular-data:v1', runNode)).toBeAttached();
  await expect(lineage.edge(runNode, 'example/audit-report:v0')).toBeAttached();
  await expect(lineage.edge(runNode, 'example/audit-summary:v0')).toBeAttached();
  await page.goto(`/p/example/runs/${encodeURIComponent(runNode.replace('run:', ''))}`);
  await expect(outputs).toContainText('Outputs (2)');
  await expect(outputs.getByRole('link', { name: 'audit-report:v0' })).toBeVisible();
});

/** Puts run records into the app's IndexedDB as the CLI would have logged them (src/store/idb/schema.ts RunRecord). */
async function seedRuns(page: Page, runs: Record<string, unknown>[]): Promise<void> {
  await page.evaluate(async (records) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('artifact-studio');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    const tx = db.transaction('runs', 'readwrite');
    for (const record of records) tx.objectStore('runs').put(record);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(new Error(String(tx.error)));
    });
    db.close();
  }, runs);
}

test('the run page shows what the CLI recorded: command line, host, cwd, git commit, exit state and duration, also while running', async ({ page }) => {
  const base = { project: 'example', jobType: 'train', config: { lr: 0.1 }, inputs: [] };
  const started = Date.now();
  await seedRuns(page, [
    {
      ...base,
      id: 'cli-failed',
      name: 'train-cli',
      state: 'failed',
      startedAt: started - 600_000,
      finishedAt: started - 600_000 + 192_000,
      info: {
        command: ['python', 'train.py', '--name', 'my run'],
        host: 'gpu-node-1',
        cwd: '/home/ana/classifier',
        gitCommit: '3f2c1a9b8e7d6c5b4a39281706f5e4d3c2b1a098',
        exitCode: 2,
        actor: 'ana',
      },
    },
    { ...base, id: 'cli-running', name: 'train-live', state: 'running', startedAt: started - 3 * 60_000 - 5_000, finishedAt: null, info: { command: ['node', 'train.mjs'] } },
    { ...base, id: 'cli-cancelled', name: 'train-stopped', state: 'cancelled', startedAt: started - 90_000, finishedAt: started - 30_000, info: { exitCode: 130 } },
  ]);
  const field = (label: string) => page.getByRole('region', { name: 'Run details' }).getByLabel(label, { exact: true });

  await page.goto('/p/example/runs/cli-failed');
  await expect(page.getByRole('heading', { name: 'train-cli' })).toBeVisible();
  await expect(field('State')).toHaveText('Failed with exit code 2');
  await expect(field('Duration')).toHaveText('3m 12s');
  await expect(field('Command')).toContainText("python train.py --name 'my run'");
  await expect(field('Host')).toHaveText('gpu-node-1');
  await expect(field('Working dir')).toHaveText('/home/ana/classifier');
  await expect(field('Git commit')).toContainText('3f2c1a9b8e7d');
  await expect(field('Started by')).toHaveText('ana');

  await page.goto('/p/example/runs/cli-running');
  await expect(field('State')).toHaveText('Running');
  await expect(field('Duration')).toHaveText('running for 3 min');
  await expect(field('Command')).toContainText('node train.mjs');

  await page.goto('/p/example/runs/cli-cancelled');
  await expect(field('State')).toHaveText('Cancelled');
  await expect(field('Duration')).toHaveText('1m 00s');
});

/**
 * Hostile content (issue 9): file names, descriptions, aliases, metadata and files carrying
 * HTML/JS render as text; Markdown drops raw HTML and unsafe links; SVG and HTML files are
 * never rendered inline (SVG only through <img>, HTML as text); the production build carries a
 * strict Content-Security-Policy. Every payload sets `window.__pwned` if it ever runs; any CSP
 * violation is recorded too. Also: hostile values typed into the upload dialog get their
 * specific refusal messages.
 */
import { expect, test } from './fixtures/test';
import type { Page } from '@playwright/test';
import { UploadPage, makeFolder } from './fixtures/upload-page';

const pwn = (tag: string) => `window.__pwned='${tag}'`;

const files: Record<string, string> = {
  [`<img src=x onerror=${pwn('name').replace(/'/g, '')}>.txt`]: 'named badly',
  'evil.svg': `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" onload="${pwn('svg-onload')}"><script>${pwn('svg-script')}</script><rect width="20" height="20" fill="red"/></svg>`,
  'page.html': `<!doctype html><script>${pwn('html-script')}</script><img src=x onerror="${pwn('html-img')}"><h1>not a heading</h1>`,
  'README.md': [
    '# Hostile readme',
    `<img src=x onerror="${pwn('md-img')}">`,
    `<script>${pwn('md-script')}</script>`,
    `[js link](javascript:${pwn('md-link')})`,
    '[data link](data:text/html,<script>alert(1)</script>)',
    '[safe link](https://example.com/ok)',
  ].join('\n\n'),
};

const description = `<img src=x onerror="${pwn('description')}"> **bold** [click](javascript:${pwn('desc-link')})`;

async function expectNothingRan(page: Page): Promise<void> {
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    violations: (window as unknown as { __cspViolations: string[] }).__cspViolations,
  }));
  expect(state.pwned).toBeUndefined();
  expect(state.violations).toEqual([]);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Load example project' }).click();
  await page.waitForURL('**/p/example', { timeout: 30_000 });
});

test('the production page carries the strict Content-Security-Policy', async ({ page }) => {
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp?.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
  // An inline script injected at run time is refused by the policy.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = "window.__pwned = 'inline'";
    document.body.append(script);
  });
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.length)).toBe(1);
});

test('names, descriptions, aliases, metadata and files with HTML/JS render as text; SVG/HTML never inline; no script runs', async ({ page, upload }) => {
  await upload.chooseFolder(makeFolder('hostile', files));
  await upload.field('Artifact name').fill('hostile');
  await upload.field('Description (Markdown)').fill(description);
  await upload.field('Metadata (JSON object)').fill(JSON.stringify({ '<img src=x onerror=window.__pwned=1>': `<script>${pwn('metadata')}</script>` }));
  await upload.field('Aliases').fill(`<img src=x onerror=window.__pwned=2>`);
  // The draft list shows the file name as text.
  await expect(upload.dialog.getByRole('region', { name: 'Draft files' }).getByText(Object.keys(files)[0] ?? '', { exact: true })).toBeVisible();
  await upload.commit();
  await expect(page).toHaveURL(/\/p\/example\/a\/hostile\/v\/v0$/, { timeout: 30_000 });

  // Description: raw HTML shown as text, bold rendered, the javascript: link is not a link.
  const main = page.getByRole('main');
  await expect(main.getByText(`<img src=x onerror="${pwn('description')}">`)).toBeVisible();
  await expect(main.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(main.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Details' }).getByRole('list', { name: 'Aliases' })).toContainText('<img src=x onerror=window.__pwned=2>');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expectNothingRan(page);

  await page.goto('/p/example/a/hostile/v/v0?tab=metadata');
  await expect(main).toContainText('<img src=x onerror=window.__pwned=1>');
  await expect(main).toContainText(`<script>${pwn('metadata')}</script>`);

  await page.goto('/p/example/a/hostile/v/v0?tab=files');
  const tree = page.getByRole('tree', { name: 'Files' });
  await expect(tree).toBeVisible();
  await expect(tree.getByText(Object.keys(files)[0] ?? '', { exact: true })).toBeVisible();
  const preview = page.getByRole('region', { name: 'File preview' });

  // SVG: only ever an <img> (its scripts and handlers cannot run there), never inline <svg>.
  await tree.getByRole('treeitem', { name: 'evil.svg' }).click();
  const svgImage = preview.getByRole('img', { name: 'evil.svg' });
  await expect(svgImage).toBeVisible();
  expect(await svgImage.evaluate((el) => el.tagName)).toBe('IMG');
  await expect(preview.locator('rect[fill="red"], svg script, svg[onload], iframe, object, embed')).toHaveCount(0);

  // HTML: its source as text.
  await tree.getByRole('treeitem', { name: 'page.html' }).click();
  await expect(preview).toContainText(`<script>${pwn('html-script')}</script>`);
  await expect(preview.locator('iframe, h1')).toHaveCount(0);

  // Markdown: rendered without raw HTML, only the safe link is a link.
  await tree.getByRole('treeitem', { name: 'README.md' }).click();
  await expect(preview.getByRole('heading', { name: 'Hostile readme' })).toBeVisible();
  await expect(preview).toContainText(`<script>${pwn('md-script')}</script>`);
  await expect(preview.getByRole('link')).toHaveCount(1);
  await expect(preview.getByRole('link', { name: 'safe link' })).toHaveAttribute('href', 'https://example.com/ok');
  await expect(preview.locator('img')).toHaveCount(0);

  await tree.getByText(Object.keys(files)[0] ?? '', { exact: true }).click();
  await expect(preview).toContainText('named badly');
  await expectNothingRan(page);
});

test('hostile values typed into the upload dialog get their specific messages', async ({ page, upload }) => {
  await upload.chooseFolder(makeFolder('typed', { 'a.txt': 'a' }));
  const dialog = upload.dialog;
  const cases: [field: string, value: string, message: string][] = [
    ['Artifact name', '../etc', 'artifact name "../etc" may contain only letters, digits, "_", "-" and "."'],
    ['Artifact name', 'x'.repeat(129), 'is 129 characters long; at most 128 are allowed'],
    ['Type', 'wandb-history', 'artifact type "wandb-history" is reserved by W&B (types starting "wandb-")'],
    ['Aliases', 'prod, latest', 'alias "latest" is managed automatically (it always marks the newest version)'],
    ['Aliases', 'v7', 'alias "v7" is reserved: "v" followed by digits names a version index'],
    ['Aliases', 'a/b', 'alias "a/b" may not contain "/"'],
    ['Tags', 'ok, bad!', 'tag "bad!" may contain only letters, digits, "_" and "-", in words separated by spaces'],
    ['Metadata (JSON object)', '[1, 2]', 'metadata must be a JSON object, got an array'],
    ['Metadata (JSON object)', JSON.stringify(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i]))), 'metadata has 200 top-level keys; at most 100 are allowed'],
  ];
  for (const [field, value, message] of cases) {
    await upload.field(field).fill(value);
    await upload.field(field).blur();
    await expect(dialog.getByText(message)).toBeVisible();
    await expect(upload.commitButton()).toBeDisabled();
    await upload.field(field).fill(field === 'Artifact name' ? 'typed' : field === 'Type' ? 'dataset' : '');
  }
  await expectNothingRan(page);
});

// Issue 22 items 5, 7 and 11: numbers, nesting and CSVs that used to change, crash or vanish.
const EXACT_METADATA = '{"run_id": 12345678901234567890, "small": 9007199254740993, "neg0": -0, "huge": 1e400, "float": 1.0}';

async function uploadVersion(page: Page, name: string, files: Record<string, string>, fields: Record<string, string> = {}): Promise<void> {
  await page.goto('/p/example');
  const upload = new UploadPage(page);
  await upload.chooseFolder(makeFolder(name, files));
  await upload.field('Artifact name').fill(name);
  for (const [label, value] of Object.entries(fields)) await upload.field(label).fill(value);
  await upload.commit();
  await expect(page).toHaveURL(new RegExp(`/p/example/a/${name}/v/v\\d+$`), { timeout: 30_000 });
}

test('big integers, -0, 1.0 and 1e400 typed as metadata are shown, edited and compared exactly as typed', async ({ page, compare }) => {
  await uploadVersion(page, 'exact', { 'ids.json': '{"id": 12345678901234567890}' }, { 'Metadata (JSON object)': EXACT_METADATA });
  const metadata = page.getByRole('region', { name: 'Metadata' });
  for (const text of ['12345678901234567890', '9007199254740993', '-0', '1e400', '1.0']) await expect(metadata).toContainText(text);
  await expect(metadata).not.toContainText('12345678901234567000');

  // The editor starts from the exact text; saving it unchanged keeps it, after a reload too.
  await page.getByRole('button', { name: 'Edit metadata' }).click();
  const editor = page.getByLabel('Metadata (JSON)');
  await expect(editor).toHaveValue('{\n  "run_id": 12345678901234567890,\n  "small": 9007199254740993,\n  "neg0": -0,\n  "huge": 1e400,\n  "float": 1.0\n}');
  await editor.fill('{"run_id": 12345678901234567891}');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(metadata).toContainText('12345678901234567891');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Metadata' })).toContainText('12345678901234567891');

  await page.goto('/p/example/a/exact/v/v0?tab=metadata');
  await expect(page.getByRole('group', { name: 'Metadata tree' })).toContainText('12345678901234567891');

  // A file differing only in a big integer is a change, not "only formatting".
  await uploadVersion(page, 'exact', { 'ids.json': '{"id":12345678901234567891}' });
  await page.goto('/p/example/compare?a=example%2Fexact%3Av0&b=example%2Fexact%3Av1');
  const section = await compare.openFile('ids.json');
  const row = section.getByRole('table', { name: 'JSON changes' }).getByRole('row', { name: /^id/ });
  await expect(row).toContainText('12345678901234567890');
  await expect(row).toContainText('12345678901234567891');
  await expect(section).not.toContainText('only formatting differs');
});

test('nested content: 5,000 nested quotes and 100,000-deep JSON render without crashing, and the description stays editable', async ({ page, compare }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const quotes = '> '.repeat(5000) + 'bottom';
  const deepJson = (leaf: string) => '['.repeat(100_000) + leaf + ']'.repeat(100_000);
  await uploadVersion(page, 'nested', { 'deep.json': deepJson('1'), 'quotes.md': quotes }, { 'Description (Markdown)': quotes });

  const details = page.getByRole('region', { name: 'Details' });
  await expect(details.getByLabel('Description text')).toContainText('bottom');
  await page.reload();
  await expect(details.getByLabel('Description text')).toContainText('bottom');
  await page.getByRole('button', { name: 'Edit description' }).click();
  await page.getByLabel('Description (Markdown)').fill('> one level is fine');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByLabel('Description text').locator('blockquote')).toHaveText('one level is fine');

  await page.goto('/p/example/a/nested/v/v0?tab=files');
  const tree = page.getByRole('tree', { name: 'Files' });
  const preview = page.getByRole('region', { name: 'File preview' });
  await tree.getByRole('treeitem', { name: 'quotes.md' }).click();
  await expect(preview.getByLabel('Rendered Markdown')).toContainText('bottom');
  await tree.getByRole('treeitem', { name: 'deep.json' }).click();
  await expect(preview).toContainText('the file is nested more than 256 levels deep; shown as text.');

  await uploadVersion(page, 'nested', { 'deep.json': deepJson('2'), 'quotes.md': quotes });
  await page.goto('/p/example/compare?a=example%2Fnested%3Av0&b=example%2Fnested%3Av1');
  const section = await compare.openFile('deep.json');
  await expect(section).toContainText('A is nested more than 256 levels deep');
  expect(pageErrors).toEqual([]);
});

test('CSVs that cannot be read whole show what they can and say why', async ({ page }) => {
  const oneLine = Array.from({ length: 120_000 }, (_, i) => `cell${i}`).join(',');
  await uploadVersion(page, 'csvs', { 'one-line.csv': oneLine, 'unclosed.csv': 'name,value\nok,1\n"never closed,2\nmore,3\n' });
  await page.goto('/p/example/a/csvs/v/v0?tab=files');
  const tree = page.getByRole('tree', { name: 'Files' });
  const preview = page.getByRole('region', { name: 'File preview' });

  await tree.getByRole('treeitem', { name: 'one-line.csv' }).click();
  await expect(preview).toContainText(/The first row does not end within the first 524 kB of this 1\.2 MB file that a preview reads/);
  await expect(preview.getByRole('table', { name: 'Table preview' }).getByRole('columnheader', { name: 'cell0', exact: true })).toBeVisible();
  await expect(preview).toContainText('Showing the first 100 of');
  await expect(preview).not.toContainText('Empty file');

  await tree.getByRole('treeitem', { name: 'unclosed.csv' }).click();
  await expect(preview).toContainText('Row 3 opens a quoted field (at character 17) that never closes');
  await expect(preview.getByRole('table', { name: 'Table preview' }).getByRole('cell', { name: 'ok' })).toBeVisible();
  await expect(preview.getByLabel('Unread text')).toContainText('"never closed,2');
  await expect(preview).not.toContainText('Empty file');
});

test('an added or removed JSON file shows its lines in the compare, not "not valid JSON"', async ({ page, compare }) => {
  await uploadVersion(page, 'json-added', { 'kept.json': '{"x": 1}\n' });
  await uploadVersion(page, 'json-added', { 'kept.json': '{"x": 1}\n', 'added.json': '{"y": 2}\n' });
  await page.goto('/p/example/compare?a=example%2Fjson-added%3Av0&b=example%2Fjson-added%3Av1');
  const section = await compare.openFile('added.json');
  await expect(section).toContainText('"y": 2');
  await expect(section).not.toContainText('valid JSON');
});

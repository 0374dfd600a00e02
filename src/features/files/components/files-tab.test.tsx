// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { md5Base64 } from '../../../domain/digest';
import type { VersionId } from '../../../domain/types';
import { createMemoryStore } from '../../../store/memory-store';
import { renderWithProviders } from '../../../test/render';
import { FilesTab } from './files-tab';

afterEach(cleanup);

// jsdom lays nothing out: give elements a size so the virtual list (which reads the scroller's
// clientHeight) renders its rows.
const sized = ['clientHeight', 'clientWidth'] as const;
beforeAll(() => {
  for (const key of sized) Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => 600 });
});
afterAll(() => {
  for (const key of sized) Reflect.deleteProperty(HTMLElement.prototype, key);
});

async function storeWith(files: Record<string, string>): Promise<{ store: ReturnType<typeof createMemoryStore>; id: VersionId }> {
  const store = createMemoryStore();
  const entries = await Promise.all(
    Object.entries(files).map(async ([path, text]) => {
      const bytes = new TextEncoder().encode(text);
      await store.putBlobs([{ digest: await md5Base64(bytes), blob: new Blob([bytes]) }]);
      return { path, digest: await md5Base64(bytes), size: bytes.length };
    }),
  );
  const { version } = await store.commitVersion({ project: 'p', artifactName: 'data', type: 'dataset', entries });
  return { store, id: version.id };
}

const files = {
  'docs/guide.md': '# Guide\n\n<script>alert(1)</script> [bad](javascript:alert(1))',
  'data/table.tsv': 'a\tb\n1\t2\n',
  'config.json': '{"lr":0.1,"layers":[1,2]}',
  'page.html': '<h1>not rendered</h1>',
};

/** The size a row names: "21 B" (the example files are all under 1 KB). */
const bytes = (path: keyof typeof files) => `${new TextEncoder().encode(files[path]).length} B`;

describe('FilesTab', () => {
  it('shows folders first, and opens a deep-linked file with its folder expanded', async () => {
    const { store, id } = await storeWith(files);
    renderWithProviders(<FilesTab versionId={id} />, { store, url: '/x?tab=files&path=docs%2Fguide.md' });
    const preview = await screen.findByRole('region', { name: 'File preview' });
    expect(await within(preview).findByRole('heading', { name: 'Guide' })).toBeTruthy();
    // Raw HTML shows as text; the javascript: link is plain text.
    expect(preview.querySelector('script')).toBeNull();
    expect(preview.textContent).toContain('<script>alert(1)</script>');
    expect(within(preview).queryByRole('link', { name: 'bad' })).toBeNull();
    const tree = screen.getByRole('tree', { name: 'Files' });
    await waitFor(() => expect(within(tree).getByRole('treeitem', { name: /^Folder docs,/ }).getAttribute('aria-expanded')).toBe('true'));
    // Names carry the path and size; level, position and set size place each row for screen readers.
    const rows = within(tree).getAllByRole('treeitem');
    expect(rows.map((row) => row.getAttribute('aria-label'))).toEqual([
      `Folder data, 1 files, ${bytes('data/table.tsv')}`,
      `Folder docs, 1 files, ${bytes('docs/guide.md')}`,
      `docs/guide.md, ${bytes('docs/guide.md')}`,
      `config.json, ${bytes('config.json')}`,
      `page.html, ${bytes('page.html')}`,
    ]);
    expect(rows.map((row) => ['aria-level', 'aria-posinset', 'aria-setsize'].map((a) => row.getAttribute(a)).join(' '))).toEqual([
      '1 1 4',
      '1 2 4',
      '2 1 1',
      '1 3 4',
      '1 4 4',
    ]);
    // One tab stop: the tree; rows are reached with the arrow keys.
    expect(tree.tabIndex).toBe(0);
    expect(rows.every((row) => row.tabIndex === -1)).toBe(true);
  });

  it('pretty-prints JSON, tables TSV, and shows HTML as text', async () => {
    const { store, id } = await storeWith(files);
    renderWithProviders(<FilesTab versionId={id} />, { store, url: '/x?tab=files&path=config.json' });
    const json = await screen.findByLabelText('JSON');
    expect(json.textContent).toBe(JSON.stringify({ lr: 0.1, layers: [1, 2] }, null, 2));
    cleanup();

    renderWithProviders(<FilesTab versionId={id} />, { store, url: '/x?tab=files&path=data%2Ftable.tsv' });
    const table = await screen.findByRole('table', { name: 'Table preview' });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['a', 'b']);
    expect(within(table).getAllByRole('cell').map((td) => td.textContent)).toEqual(['1', '2']);
    cleanup();

    renderWithProviders(<FilesTab versionId={id} />, { store, url: '/x?tab=files&path=page.html' });
    const text = await screen.findByLabelText('Text');
    expect(text.textContent).toBe('<h1>not rendered</h1>');
    expect(screen.queryByRole('heading', { name: 'not rendered' })).toBeNull();
  });

  it('filters by path once the whole manifest is read, and says when a linked file does not exist', async () => {
    const { store, id } = await storeWith(files);
    renderWithProviders(<FilesTab versionId={id} />, { store, url: '/x?tab=files&path=missing.txt' });
    const missing = await screen.findByRole('alert');
    expect(missing.textContent).toContain('This version has no file "missing.txt".');
    expect(missing.textContent).toContain('Pick a file from the list');
    const filter = screen.getByLabelText('Filter files');
    await waitFor(() => expect((filter as HTMLInputElement).disabled).toBe(false));
    fireEvent.change(filter, { target: { value: 'JSON' } });
    const rows = within(screen.getByRole('tree', { name: 'Files' })).getAllByRole('treeitem');
    expect(rows.map((row) => row.getAttribute('aria-label'))).toEqual([`config.json, ${bytes('config.json')}`]);

    // No match says so and how to get back.
    fireEvent.change(filter, { target: { value: 'zzz' } });
    expect(screen.getByRole('heading', { name: 'No file matches' })).toBeTruthy();
    expect(screen.getByText('No path contains "zzz". Try part of a file or folder name, or clear the filter.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear the filter' }));
    expect(within(screen.getByRole('tree', { name: 'Files' })).getAllByRole('treeitem')).toHaveLength(4);
  });

  it('is driven by keyboard: arrows move the active row, → opens a folder, Enter previews a file', async () => {
    const { store, id } = await storeWith(files);
    renderWithProviders(<FilesTab versionId={id} />, { store, url: '/x?tab=files' });
    const tree = await screen.findByRole('tree', { name: 'Files' });
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('Filter files').disabled).toBe(false));
    const activeLabel = () => document.getElementById(tree.getAttribute('aria-activedescendant') ?? '')?.getAttribute('aria-label');
    tree.focus();
    expect(activeLabel()).toBe(`Folder data, 1 files, ${bytes('data/table.tsv')}`);
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(activeLabel()).toBe(`Folder docs, 1 files, ${bytes('docs/guide.md')}`);
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    await waitFor(() => expect(within(tree).getByRole('treeitem', { name: /^Folder docs,/ }).getAttribute('aria-expanded')).toBe('true'));
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    expect(activeLabel()).toBe(`docs/guide.md, ${bytes('docs/guide.md')}`);
    fireEvent.keyDown(tree, { key: 'Enter' });
    const preview = await screen.findByRole('region', { name: 'File preview' });
    expect(await within(preview).findByRole('heading', { name: 'Guide' })).toBeTruthy();
    expect(window.location.search).toContain('path=docs%2Fguide.md');
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(activeLabel()).toBe(`Folder docs, 1 files, ${bytes('docs/guide.md')}`);
    fireEvent.keyDown(tree, { key: 'End' });
    expect(activeLabel()).toBe(`page.html, ${bytes('page.html')}`);
    fireEvent.keyDown(tree, { key: 'c' });
    expect(activeLabel()).toBe(`config.json, ${bytes('config.json')}`);
    // A space right after a letter is part of a typed name, not "open".
    fireEvent.keyDown(tree, { key: ' ' });
    expect(window.location.search).not.toContain('config.json');
    expect(document.activeElement).toBe(tree);
  });
});

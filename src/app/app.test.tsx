// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { artifactDigest, md5Base64 } from '../domain/digest';
import type { ArtifactStore } from '../store/artifact-store';
import { createMemoryStore } from '../store/memory-store';
import { renderWithProviders } from '../test/render';
import { App } from './app';

afterEach(cleanup);

const encoder = new TextEncoder();

async function logVersion(store: ArtifactStore, files: Record<string, string>, aliases: string[] = []) {
  const entries = await Promise.all(
    Object.entries(files).map(async ([path, text]) => {
      const bytes = encoder.encode(text);
      return { path, digest: await md5Base64(bytes), size: bytes.length, bytes };
    }),
  );
  await store.putBlobs(entries.map((e) => ({ digest: e.digest, blob: new Blob([e.bytes]) })));
  const run = await store.createRun({ project: 'demo', name: 'train-7', jobType: 'train', config: { lr: 0.01 } });
  const { version } = await store.commitVersion({
    project: 'demo',
    artifactName: 'model',
    type: 'model',
    entries: entries.map(({ path, digest, size }) => ({ path, digest, size })),
    aliases,
    metadata: { accuracy: 0.91 },
    producedBy: run.id,
  });
  return { version, entries };
}

describe('App routes', () => {
  it('shows the welcome screen on an empty store', async () => {
    renderWithProviders(<App />, { url: '/' });
    expect(await screen.findByRole('button', { name: 'Load example project' })).toBeTruthy();
    expect(screen.getByLabelText('Active store').textContent).toContain('Memory (tests)');
  });

  it('resolves an alias in the URL and shows the version overview with its digest', async () => {
    const store = createMemoryStore();
    await logVersion(store, { 'a.txt': 'one' });
    const { entries } = await logVersion(store, { 'a.txt': 'two', 'b/c.txt': 'three' }, ['production']);
    const expected = await artifactDigest(entries);

    renderWithProviders(<App />, { store, url: '/p/demo/a/model/v/production' });

    expect(await screen.findByRole('heading', { name: 'model:v1' })).toBeTruthy();
    const details = await screen.findByRole('region', { name: 'Details' });
    expect(within(details).getByLabelText('Digest').textContent).toContain(expected);
    const aliases = within(details).getByRole('list', { name: 'Aliases' });
    expect(within(aliases).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['latest', 'production']);
    expect(within(details).getByLabelText('Files').textContent).toBe('2');
    expect(await screen.findByText('train-7')).toBeTruthy();
  });

  it('navigates with sidebar links without reloading, and back returns', async () => {
    const store = createMemoryStore();
    await logVersion(store, { 'a.txt': 'one' });
    renderWithProviders(<App />, { store, url: '/p/demo' });

    const sidebar = await screen.findByRole('navigation', { name: 'Artifacts' });
    fireEvent.click(await within(sidebar).findByRole('link', { name: 'model' }));
    await waitFor(() => expect(window.location.pathname).toBe('/p/demo/a/model'));
    const versions = await within(sidebar).findByRole('list', { name: 'Versions of model' });
    fireEvent.click(within(versions).getByRole('link', { name: /^v0/ }));
    expect(await screen.findByRole('heading', { name: 'model:v0' })).toBeTruthy();

    window.history.back();
    await waitFor(() => expect(window.location.pathname).toBe('/p/demo/a/model'));
    expect(await screen.findByRole('region', { name: 'Versions' })).toBeTruthy();
  });

  it('shows a not-found error for an unknown alias, naming it', async () => {
    const store = createMemoryStore();
    await logVersion(store, { 'a.txt': 'one' });
    renderWithProviders(<App />, { store, url: '/p/demo/a/model/v/nope' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('nope');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

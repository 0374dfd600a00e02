// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArtifactId, VersionId } from '../../../domain/types';
import { createMemoryStore } from '../../../store/memory-store';
import { renderWithProviders } from '../../../test/render';
import { VersionLifecycleTab } from './version-lifecycle-tab';

afterEach(cleanup);

const DAY = 86_400;

async function seeded() {
  const store = createMemoryStore();
  const ref = (i: number) => ({ path: 'w', digest: `etag-${i}`, ref: `s3://b/w${i}`, size: 10 });
  await store.commitVersion({ project: 'p', artifactName: 'm', type: 'model', entries: [ref(0)], aliases: ['production'] });
  await store.commitVersion({ project: 'p', artifactName: 'm', type: 'model', entries: [ref(1)] });
  return store;
}

describe('VersionLifecycleTab', { timeout: 20_000 }, () => {
  it('adds an alias after checking it as you type, and removes it with ×', async () => {
    const store = await seeded();
    renderWithProviders(<VersionLifecycleTab project="p" artifactId={'p/m' as ArtifactId} versionId={'p/m:v1' as VersionId} />, { store });
    fireEvent.click(await screen.findByRole('button', { name: 'Add an alias to v1' }));
    const input = screen.getByRole('textbox', { name: 'New alias' });
    fireEvent.change(input, { target: { value: 'a:b' } });
    expect(screen.getByRole('alert').textContent).toMatch(/":"/);
    expect(screen.getByRole('button', { name: 'Add' }).hasAttribute('disabled')).toBe(true);
    fireEvent.change(input, { target: { value: 'staging' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await screen.findByRole('button', { name: 'Remove alias staging from v1' });
    expect((await store.getVersion('p/m:v1' as VersionId)).aliases).toEqual(['latest', 'staging']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove alias staging from v1' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove alias staging from v1' })).toBeNull());
    expect((await store.getVersion('p/m:v1' as VersionId)).aliases).toEqual(['latest']);
    expect(screen.queryByRole('button', { name: /Remove alias latest/ })).toBeNull();
  });

  it('sets and clears a time to live in days, refusing odd values', async () => {
    const store = await seeded();
    renderWithProviders(<VersionLifecycleTab project="p" artifactId={'p/m' as ArtifactId} versionId={'p/m:v0' as VersionId} />, { store });
    const days = await screen.findByRole('textbox', { name: 'Time to live in days' });
    fireEvent.change(days, { target: { value: '1.5' } });
    expect(screen.getByRole('alert').textContent).toMatch(/whole number of days/);
    fireEvent.change(days, { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set TTL' }));
    await waitFor(async () => expect((await store.getVersion('p/m:v0' as VersionId)).ttlSeconds).toBe(7 * DAY));
    await screen.findByText(/Expires /);
    fireEvent.click(await screen.findByRole('button', { name: 'Clear TTL' }));
    await waitFor(async () => expect((await store.getVersion('p/m:v0' as VersionId)).ttlSeconds).toBeNull());
    await screen.findByText('Kept until deleted.');
  });

  it('says why an expired version is kept', async () => {
    const store = createMemoryStore({ now: () => 1_000 });
    await store.commitVersion({ project: 'p', artifactName: 'm', type: 'model', entries: [], aliases: ['production'], ttlSeconds: 1 });
    renderWithProviders(<VersionLifecycleTab project="p" artifactId={'p/m' as ArtifactId} versionId={'p/m:v0' as VersionId} />, { store });
    expect((await screen.findByText(/expired but is kept/)).textContent).toBe(
      ' This version expired but is kept because it holds the alias "production"; remove it to let it go.',
    );
    expect((await screen.findByText(/Deleting v0 frees/)).textContent).toBe('Deleting v0 frees 0 B of stored files.');
  });
});

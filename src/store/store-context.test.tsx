// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArtifactStore } from './artifact-store';
import { createMemoryStore } from './memory-store';
import { projectQueries } from './queries';
import { StoreHolderProvider, useStore, useStoreHolder } from './store-context';

afterEach(cleanup);

/** A memory store seen under another id and label (the holder tells stores apart by id). */
function storeWith(id: string, label: string): ArtifactStore {
  const store = createMemoryStore();
  const view = Object.create(store) as ArtifactStore;
  Object.defineProperties(view, { id: { value: id }, label: { value: label } });
  return view;
}

function Projects({ other }: { other: ArtifactStore }) {
  const store = useStore();
  const holder = useStoreHolder();
  const projects = useQuery(projectQueries.list(store));
  return (
    <div>
      <p aria-label="active">{store.label}</p>
      <ul aria-label="projects">{projects.data?.map((p) => <li key={p.name}>{p.name}</li>)}</ul>
      <button onClick={() => (holder.add(other), holder.activate(other.id))}>connect</button>
      <button onClick={() => holder.activate(holder.local.id)}>local</button>
      <button onClick={() => holder.remove(other.id)}>remove</button>
    </div>
  );
}

describe('StoreHolderProvider', () => {
  it('switches the active store at run time and never shows the other store’s cached data', async () => {
    const local = storeWith('local', 'This browser');
    const remote = storeWith('s3:test', 'S3 test');
    await local.ensureProject('alpha');
    await remote.ensureProject('beta');
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={queryClient}>
        <StoreHolderProvider local={local}>
          <Projects other={remote} />
        </StoreHolderProvider>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('alpha')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'connect' }));
    expect(await screen.findByText('beta')).toBeTruthy();
    expect(screen.queryByText('alpha')).toBeNull();
    expect(screen.getByLabelText('active').textContent).toBe('S3 test');
    // The cache was cleared on the switch: only the new store's queries are in it.
    expect(queryClient.getQueryCache().getAll().every((q) => q.queryKey[1] === 's3:test')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'local' }));
    expect(await screen.findByText('alpha')).toBeTruthy();
    expect(screen.queryByText('beta')).toBeNull();

    // Removing the active remote falls back to the local store.
    fireEvent.click(screen.getByRole('button', { name: 'connect' }));
    expect(await screen.findByText('beta')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'remove' }));
    expect(await screen.findByText('alpha')).toBeTruthy();
    expect(screen.getByLabelText('active').textContent).toBe('This browser');
  });
});

import { createContext, use } from 'react';
import type { ReactNode } from 'react';
import type { ArtifactStore } from './artifact-store';

const StoreContext = createContext<ArtifactStore | null>(null);

type StoreProviderProps = { store: ArtifactStore; children: ReactNode };

export function StoreProvider({ store, children }: StoreProviderProps) {
  return <StoreContext value={store}>{children}</StoreContext>;
}

/** The active ArtifactStore. Pass it to the query factories in store/queries.ts. */
export function useStore(): ArtifactStore {
  const store = use(StoreContext);
  if (!store) throw new Error('useStore() needs a <StoreProvider> above it');
  return store;
}

import { useQueryClient } from '@tanstack/react-query';
import { createContext, use, useCallback, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ArtifactStore } from './artifact-store';

const StoreContext = createContext<ArtifactStore | null>(null);

type StoreProviderProps = { store: ArtifactStore; children: ReactNode };

/** Provides one fixed store (tests, or below the StoreHolderProvider). */
export function StoreProvider({ store, children }: StoreProviderProps) {
  return <StoreContext value={store}>{children}</StoreContext>;
}

/** The active ArtifactStore. Pass it to the query factories in store/queries.ts. */
export function useStore(): ArtifactStore {
  const store = use(StoreContext);
  if (!store) throw new Error('useStore() needs a <StoreProvider> above it');
  return store;
}

/** The stores the app knows (the browser's own first) and which one is active. */
export interface StoreHolder {
  /** The embedded store (IndexedDB); always there and never removed. */
  readonly local: ArtifactStore;
  /** Every open store, the local one first. */
  readonly stores: readonly ArtifactStore[];
  readonly active: ArtifactStore;
  /** Adds an opened store (replacing and closing an open one with the same id); does not activate it. */
  add(store: ArtifactStore): void;
  /** Makes the store with this id the active one (the local one if no such store is open); the query cache is cleared first. */
  activate(id: string): void;
  /** Closes and forgets a store (not the local one); the local store becomes active if it was. */
  remove(id: string): void;
}

const StoreHolderContext = createContext<StoreHolder | null>(null);

type StoreHolderProviderProps = { local: ArtifactStore; children: ReactNode };

/**
 * Holds the open stores and the active one. Switching stores clears the query cache (keys hold
 * the store id too, so nothing of another store is ever served) and remounts the app below, so
 * no screen keeps state read from the store it left.
 */
export function StoreHolderProvider({ local, children }: StoreHolderProviderProps) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ others: readonly ArtifactStore[]; activeId: string }>({ others: [], activeId: local.id });

  const switchTo = useCallback(
    (id: string) => {
      void queryClient.cancelQueries();
      queryClient.clear();
      setState((s) => ({ ...s, activeId: id }));
    },
    [queryClient],
  );

  const holder = useMemo((): StoreHolder => {
    const stores = [local, ...state.others];
    const active = stores.find((s) => s.id === state.activeId) ?? local;
    return {
      local,
      stores,
      active,
      add: (store) => {
        if (store.id === local.id) return;
        const old = state.others.find((o) => o.id === store.id);
        if (old && old !== store) old.close();
        setState((s) => ({ ...s, others: [...s.others.filter((o) => o.id !== store.id), store] }));
      },
      activate: (id) => {
        // No check against `stores`: a store added in the same event is not in this snapshot yet.
        if (id !== active.id) switchTo(id);
      },
      remove: (id) => {
        if (id === local.id) return;
        if (id === active.id) switchTo(local.id);
        state.others.find((o) => o.id === id)?.close();
        setState((s) => ({ ...s, others: s.others.filter((o) => o.id !== id) }));
      },
    };
  }, [local, state, switchTo]);

  return (
    <StoreHolderContext value={holder}>
      <StoreContext key={holder.active.id} value={holder.active}>
        {children}
      </StoreContext>
    </StoreHolderContext>
  );
}

/** The store holder (to connect, list and switch stores). */
export function useStoreHolder(): StoreHolder {
  const holder = use(StoreHolderContext);
  if (!holder) throw new Error('useStoreHolder() needs a <StoreHolderProvider> above it');
  return holder;
}

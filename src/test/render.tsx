import { render } from '@testing-library/react';
import type { RenderResult } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { Providers } from '../app/providers';
import { createAppQueryClient } from '../app/query-client';
import type { ArtifactStore } from '../store/artifact-store';
import { createMemoryStore } from '../store/memory-store';
import { createToastStore } from '../ui/toast-store';
import type { ToastStore } from '../ui/toast-store';

type RenderOptions = {
  /** Defaults to a fresh, empty MemoryStore. */
  store?: ArtifactStore;
  /** Sets the URL before rendering (jsdom), e.g. '/p/example?tab=overview'. */
  url?: string;
};

export type RenderWithProvidersResult = RenderResult & {
  store: ArtifactStore;
  queryClient: QueryClient;
  toasts: ToastStore;
};

/**
 * Renders `ui` under the app's real providers (toasts, TanStack Query, store), with a fresh
 * QueryClient that does not retry, so a failing query shows its error at once.
 */
export function renderWithProviders(ui: ReactElement, options: RenderOptions = {}): RenderWithProvidersResult {
  const store = options.store ?? createMemoryStore();
  const toasts = createToastStore();
  const queryClient = createAppQueryClient({ toasts, retry: false });
  if (options.url !== undefined) window.history.replaceState(null, '', options.url);
  const result = render(
    <Providers store={store} queryClient={queryClient} toasts={toasts}>
      {ui}
    </Providers>,
  );
  return { ...result, store, queryClient, toasts };
}

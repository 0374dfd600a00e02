import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { toAppError } from '../domain/errors';
import type { ToastStore } from '../ui/toast-store';

type QueryClientOptions = {
  toasts: ToastStore;
  /** Tests pass false; the app retries only network errors. */
  retry?: false;
};

/**
 * Query errors are shown inline by the component (ErrorState + retry); a background refetch
 * that fails while data is on screen, and every failed mutation, raise a toast.
 */
export function createAppQueryClient({ toasts, retry }: QueryClientOptions): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.state.data === undefined) return;
        toasts.show({ tone: 'error', title: 'Could not refresh data', message: toAppError(error).message });
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.silent) return;
        toasts.show({
          tone: 'error',
          title: mutation.meta?.errorTitle ?? 'Action failed',
          message: toAppError(error).message,
        });
      },
    }),
    defaultOptions: {
      queries: {
        retry: retry ?? ((failureCount, error) => error.code === 'network' && failureCount < 3),
        refetchOnWindowFocus: false,
        // The store is local (IndexedDB) or a server the user chose; never pause because the browser says it is offline.
        networkMode: 'always',
        staleTime: 10_000,
      },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}

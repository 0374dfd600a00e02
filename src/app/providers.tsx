import { QueryClientProvider } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { ErrorBoundary } from 'react-error-boundary';
import type { ReactNode } from 'react';
import { toAppError } from '../domain/errors';
import type { ArtifactStore } from '../store/artifact-store';
import { StoreHolderProvider } from '../store/store-context';
import { Button } from '../ui/button';
import { ErrorState } from '../ui/error-state';
import { ToastProvider } from '../ui/toast';
import type { ToastStore } from '../ui/toast-store';

type ProvidersProps = {
  /** The embedded store, active at start; others are connected at run time (StoreHolderProvider). */
  store: ArtifactStore;
  queryClient: QueryClient;
  toasts: ToastStore;
  children: ReactNode;
};

/** Everything a screen needs above it: toasts, TanStack Query, the active store, a last-resort boundary. */
export function Providers({ store, queryClient, toasts, children }: ProvidersProps) {
  return (
    <ErrorBoundary fallbackRender={({ error }) => <CrashScreen error={error} />}>
      <ToastProvider store={toasts}>
        <QueryClientProvider client={queryClient}>
          <StoreHolderProvider local={store}>{children}</StoreHolderProvider>
        </QueryClientProvider>
      </ToastProvider>
    </ErrorBoundary>
  );
}

function CrashScreen({ error }: { error: unknown }) {
  return (
    <div className="mx-auto max-w-xl pt-24">
      <ErrorState error={toAppError(error)} title="Artifact Studio stopped working" />
      <div className="px-4">
        <Button variant="primary" onClick={() => window.location.reload()}>
          Reload the page
        </Button>
      </div>
    </div>
  );
}

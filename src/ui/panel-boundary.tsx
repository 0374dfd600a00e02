import type { ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { ErrorState } from './error-state';

type PanelBoundaryProps = {
  /** What the panel shows, for the message: "the description", "this file's preview". */
  what: string;
  /** The panel tries again when any of these change (another file, an edited value). */
  resetKeys?: readonly unknown[];
  children: ReactNode;
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Keeps an error thrown while rendering one panel (content that nests too deeply, say) inside
 * that panel: the rest of the page, and any editor next to it, keeps working.
 */
export function PanelBoundary({ what, resetKeys, children }: PanelBoundaryProps) {
  return (
    <ErrorBoundary
      resetKeys={resetKeys ? [...resetKeys] : undefined}
      fallbackRender={({ error, resetErrorBoundary }) => (
        <ErrorState
          className="m-0"
          title={`Could not show ${what}`}
          error={{ message: messageOf(error) }}
          hint="The rest of the page still works; the stored data is unchanged."
          onRetry={resetErrorBoundary}
        />
      )}
    >
      {children}
    </ErrorBoundary>
  );
}

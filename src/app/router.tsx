import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { ErrorBoundary } from 'react-error-boundary';
import type { ReactNode } from 'react';
import { toAppError } from '../domain/errors';
import { ErrorState } from '../ui/error-state';
import { useLocation } from '../ui/navigation';

/**
 * A tiny router: path patterns with `:params`, matched in order against the current URL
 * (src/ui/navigation.tsx keeps that URL in sync with the History API). `?tab=` and other
 * search params are read by the pages themselves with useSearchParam().
 */
export type RouteParams = Readonly<Record<string, string>>;

export type RouteDefinition = {
  /** e.g. `/p/:project/a/:artifact`; a trailing slash in the URL is ignored. */
  readonly path: string;
  readonly render: (params: RouteParams) => ReactNode;
};

/** The params of `pathname` under `pattern`, or null when it does not match. */
export function matchPath(pattern: string, pathname: string): RouteParams | null {
  const patternParts = splitPath(pattern);
  const pathParts = splitPath(pathname);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of patternParts.entries()) {
    const actual = pathParts[i] ?? '';
    if (part.startsWith(':')) {
      const value = safeDecode(actual);
      if (value === null || value === '') return null;
      params[part.slice(1)] = value;
    } else if (part !== actual) {
      return null;
    }
  }
  return params;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

type RouterProps = {
  routes: readonly RouteDefinition[];
  notFound: (pathname: string) => ReactNode;
};

/**
 * Renders the first matching route inside an error boundary that resets when the URL changes.
 * Routes that render the same layout component keep it mounted (same type, same position).
 */
export function Router({ routes, notFound }: RouterProps) {
  const { pathname } = useLocation();
  let content: ReactNode = null;
  let matched = false;
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) {
      content = route.render(params);
      matched = true;
      break;
    }
  }
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <ErrorBoundary
          onReset={reset}
          resetKeys={[pathname]}
          fallbackRender={({ error, resetErrorBoundary }) => (
            <ErrorState error={toAppError(error)} title="This page failed to render" onRetry={resetErrorBoundary} />
          )}
        >
          {matched ? content : notFound(pathname)}
        </ErrorBoundary>
      )}
    </QueryErrorResetBoundary>
  );
}

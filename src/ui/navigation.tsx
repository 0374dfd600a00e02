import { useMemo, useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, MouseEvent } from 'react';

/**
 * Navigation on the History API, read through useSyncExternalStore. Route matching lives in
 * src/app/router.tsx; this file only knows "the current URL" and how to change it, so that
 * features can render links without importing the app.
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function currentHref(): string {
  return window.location.pathname + window.location.search + window.location.hash;
}

export type AppLocation = {
  readonly pathname: string;
  readonly searchParams: URLSearchParams;
  /** pathname + search + hash */
  readonly href: string;
};

export function useLocation(): AppLocation {
  const href = useSyncExternalStore(subscribe, currentHref, () => '/');
  return useMemo(() => {
    const url = new URL(href, 'http://local');
    return { pathname: url.pathname, searchParams: url.searchParams, href };
  }, [href]);
}

export function useSearchParam(name: string): string | null {
  return useLocation().searchParams.get(name);
}

export type NavigateOptions = { replace?: boolean };

/** Changes the URL without a reload; other origins get a real navigation. */
export function navigate(to: string, { replace = false }: NavigateOptions = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const next = url.pathname + url.search + url.hash;
  if (next === currentHref()) return;
  if (replace) window.history.replaceState(null, '', next);
  else window.history.pushState(null, '', next);
  listeners.forEach((listener) => listener());
}

/** `href` with `name` set to `value` (or removed when null). */
export function withSearchParam(href: string, name: string, value: string | null): string {
  const url = new URL(href, 'http://local');
  if (value === null) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  return url.pathname + url.search + url.hash;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: string;
  replace?: boolean;
};

/** A real <a href>: middle-click, copy link and reload work; a plain click navigates in-app. */
export function Link({ to, replace, onClick, target, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (target && target !== '_self') return;
    event.preventDefault();
    navigate(to, { replace });
  };
  return <a href={to} target={target} onClick={handleClick} {...rest} />;
}

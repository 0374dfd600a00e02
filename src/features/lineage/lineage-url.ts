import type { LayoutDirection } from '../../domain/lineage-layout';
import type { LineageHrefParams } from '../../ui/hrefs';

/** The shareable part of a lineage view, as held in the URL. */
export type LineageUrlState = {
  /** null: the whole project. */
  readonly focus: string | null;
  /** Infinity for "all". */
  readonly up: number;
  readonly down: number;
  readonly dir: LayoutDirection;
  readonly types: readonly string[];
  readonly jobs: readonly string[];
};

export const DEFAULT_DEPTH = 2;
export const DEPTH_CHOICES = [1, 2, 3, 4, 6, 8, Infinity] as const;

function depth(value: string | null): number {
  if (value === 'all') return Infinity;
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 0 ? Math.min(n, 1000) : DEFAULT_DEPTH;
}

function list(value: string | null): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function parseLineageUrl(search: URLSearchParams): LineageUrlState {
  const focus = search.get('focus');
  return {
    focus: focus === null || focus === '' ? null : focus,
    up: depth(search.get('up')),
    down: depth(search.get('down')),
    dir: search.get('dir') === 'TB' ? 'TB' : 'LR',
    types: list(search.get('types')),
    jobs: list(search.get('jobs')),
  };
}

/** The hrefs.lineage params of a state; defaults are left out of the URL, except a focus's depths. */
export function lineageHrefParams(state: LineageUrlState): LineageHrefParams {
  const d = (n: number) => (n === Infinity ? ('all' as const) : n);
  return {
    focus: state.focus,
    up: state.focus === null ? undefined : d(state.up),
    down: state.focus === null ? undefined : d(state.down),
    dir: state.dir === 'LR' ? undefined : state.dir,
    types: state.types.join(','),
    jobs: state.jobs.join(','),
  };
}

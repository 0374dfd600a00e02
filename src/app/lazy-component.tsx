import { lazy, Suspense, type ComponentType } from 'react';
import { LoadingState } from '../ui/spinner';

/**
 * A route-level component loaded on demand, so its code (and its libraries) stay out of the
 * initial bundle. `load` imports the module; `pick` names the export.
 */
export function lazyComponent<M, P extends object>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType<P>,
  loadingLabel = 'Loading…',
): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: pick(await load()) }));
  function LazyComponent(props: P) {
    return (
      <Suspense fallback={<LoadingState label={loadingLabel} />}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return LazyComponent;
}

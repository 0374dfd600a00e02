import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { invalidateStore } from '../../store/queries';
import { useStore } from '../../store/store-context';
import type { ExampleProgress, LoadedExample } from './load-example-project';

/** Loads the example project into the active store; refetches everything it shows on success. */
export function useLoadExampleProject(options: { onLoaded?: (result: LoadedExample) => void } = {}) {
  const store = useStore();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<ExampleProgress | null>(null);
  const { onLoaded } = options;

  const mutation = useMutation({
    // The generator loads on demand: it is needed once per store, not on every page load.
    mutationFn: async () => {
      const { loadExampleProject } = await import('./load-example-project');
      return loadExampleProject(store, { now: Date.now(), onProgress: setProgress });
    },
    meta: { errorTitle: 'Could not load the example project' },
    onSuccess: async (result) => {
      await invalidateStore(queryClient, store);
      onLoaded?.(result);
    },
    onSettled: () => setProgress(null),
  });

  return { load: () => mutation.mutate(), isLoading: mutation.isPending, progress, error: mutation.error };
}

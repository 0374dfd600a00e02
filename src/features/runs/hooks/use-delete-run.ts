import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RunId } from '../../../domain/types';
import type { DeleteRunOptions } from '../../../store/artifact-store';
import { invalidateStore } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { useToast } from '../../../ui/toast';

/** Deletes a run, and with `deleteOutputs` the versions it produced; says what went in a toast. */
export function useDeleteRun() {
  const store = useStore();
  const qc = useQueryClient();
  const toasts = useToast();
  return useMutation({
    mutationFn: (input: { runId: RunId; runName: string } & DeleteRunOptions) => store.deleteRun(input.runId, input),
    onSuccess: (result, input) => {
      const outputs = result.deletedVersions.length;
      toasts.show({
        tone: 'success',
        title: `Deleted run ${input.runName}`,
        message: outputs > 0 ? `and ${outputs === 1 ? 'the version' : `the ${outputs} versions`} it produced` : 'Its outputs were kept.',
      });
      void invalidateStore(qc, store);
    },
    meta: { silent: true },
  });
}

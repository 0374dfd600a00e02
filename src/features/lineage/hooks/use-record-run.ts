import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Run, VersionId } from '../../../domain/types';
import { parseConfigText, validateJobType, validateRunName } from '../../../domain/validation';
import { invalidateRuns } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { useToast } from '../../../ui/toast';

export type RecordRunFields = {
  name: string;
  jobType: string;
  /** JSON text of an object; empty for {}. */
  config: string;
  inputs: readonly VersionId[];
};

/**
 * Records a finished run with its inputs; lineage and run lists refresh on success. Success is
 * announced in a toast with Undo, which deletes the run again (it has no outputs yet, so
 * nothing else goes). Failures are shown in the dialog, next to the fields to fix.
 */
export function useRecordRun(project: string) {
  const store = useStore();
  const qc = useQueryClient();
  const toasts = useToast();
  const undo = useMutation({
    mutationFn: (run: Run) => store.deleteRun(run.id, { outputs: 'keep' }),
    onSuccess: (_result, run) => {
      toasts.show({ tone: 'info', title: `Undone: run ${run.name} removed` });
      return invalidateRuns(qc, store);
    },
    meta: { errorTitle: 'Could not undo recording the run' },
  });
  return useMutation({
    meta: { silent: true },
    mutationFn: (fields: RecordRunFields): Promise<Run> => {
      const now = Date.now();
      return store.createRun({
        project,
        name: validateRunName(fields.name),
        jobType: validateJobType(fields.jobType),
        config: parseConfigText(fields.config),
        inputs: fields.inputs,
        state: 'finished',
        startedAt: now,
        finishedAt: now,
      });
    },
    onSuccess: (run) => {
      const inputs = run.inputs.length;
      toasts.show({
        tone: 'success',
        title: `Recorded run ${run.name}`,
        message: `${run.jobType}, ${inputs === 0 ? 'no inputs' : inputs === 1 ? '1 input' : `${inputs} inputs`}. To attach outputs, open its run page and choose Attach output folder.`,
        action: { label: 'Undo', onAction: () => undo.mutate(run) },
      });
      return invalidateRuns(qc, store);
    },
  });
}

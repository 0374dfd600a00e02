import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AppError } from '../../../domain/errors';
import type { Run, VersionId } from '../../../domain/types';
import { validateConfig, validateJobType, validateRunName } from '../../../domain/validation';
import { invalidateRuns } from '../../../store/queries';
import { useStore } from '../../../store/store-context';

export type RecordRunFields = {
  name: string;
  jobType: string;
  /** JSON text of an object; empty for {}. */
  config: string;
  inputs: readonly VersionId[];
};

/** Parses the config text; AppError('invalid-config') names what is wrong. */
export function parseConfigText(text: string): ReturnType<typeof validateConfig> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid-config', `config is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return validateConfig(value);
}

/** Records a finished run with its inputs; lineage and run lists refresh on success. */
export function useRecordRun(project: string) {
  const store = useStore();
  const qc = useQueryClient();
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
    onSuccess: () => invalidateRuns(qc, store),
  });
}

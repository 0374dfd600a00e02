import { useQuery } from '@tanstack/react-query';
import type { VersionId } from '../../../domain/types';
import { runQueries, versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { formatDateTime } from '../../../lib/format-time';
import type { RunChoice } from '../draft-form';
import type { UploadSession } from '../hooks/use-upload-session';
import { Field, inputClass } from './field';

type RunFieldsProps = { session: UploadSession };

const choices: { value: RunChoice; label: string }[] = [
  { value: 'none', label: 'No producing run' },
  { value: 'new', label: 'Record a run that produced this version' },
  { value: 'existing', label: 'A run already recorded in this project' },
];

/** Optional producing run (a new one, or one recorded before), so the upload shows in the lineage like a logged artifact. */
export function RunFields({ session }: RunFieldsProps) {
  const { fields, setField, form, project } = session;
  const store = useStore();
  const versions = useQuery({ ...versionQueries.ofProject(store, project), enabled: fields.runChoice === 'new' });
  const runs = useQuery({ ...runQueries.list(store, project), enabled: fields.runChoice === 'existing' });
  const errors = form.errors;

  return (
    <details className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800" open={fields.runChoice !== 'none'}>
      <summary className="cursor-pointer text-xs font-medium text-slate-700 dark:text-slate-300">Producing run (optional)</summary>
      <div className="mt-3 flex flex-col gap-3">
        <fieldset className="flex flex-col gap-1">
          <legend className="sr-only">Producing run</legend>
          {choices.map((choice) => (
            <label key={choice.value} className="flex items-center gap-2">
              <input type="radio" name="producing-run" checked={fields.runChoice === choice.value} onChange={() => setField('runChoice', choice.value)} />
              {choice.label}
            </label>
          ))}
        </fieldset>
        {fields.runChoice === 'existing' && (
          <Field
            label="Run"
            error={errors.runId}
            hint={runs.isError ? runs.error.message : runs.data?.length === 0 ? 'No runs recorded in this project yet: record one on the lineage page, or choose "Record a run".' : undefined}
          >
            {(ids) => (
              <select {...ids} className={inputClass} value={fields.runId} onChange={(e) => setField('runId', e.target.value)}>
                <option value="">{runs.isPending ? 'Loading runs…' : 'Choose a run…'}</option>
                {(runs.data ?? []).map((run) => (
                  <option key={run.id} value={run.id}>
                    {run.name} · {run.jobType} · {run.state} · {formatDateTime(run.startedAt)}
                  </option>
                ))}
                {/* A preselected run that the list has not loaded (yet): keep it selected. */}
                {fields.runId !== '' && runs.data && !runs.data.some((r) => r.id === fields.runId) && <option value={fields.runId}>{fields.runId}</option>}
              </select>
            )}
          </Field>
        )}
        {fields.runChoice === 'new' && (
          <>
            <div className="grid grid-cols-2 gap-3">
              <Field label="Run name" error={errors.runName}>
                {(ids) => <input {...ids} className={inputClass} value={fields.runName} onChange={(e) => setField('runName', e.target.value)} />}
              </Field>
              <Field label="Job type" error={errors.jobType}>
                {(ids) => <input {...ids} className={inputClass} value={fields.jobType} onChange={(e) => setField('jobType', e.target.value)} />}
              </Field>
            </div>
            <Field label="Run config (JSON object)" error={fields.config === '' ? undefined : errors.config}>
              {(ids) => (
                <textarea
                  {...ids}
                  rows={2}
                  spellCheck={false}
                  className={`${inputClass} font-mono text-xs`}
                  value={fields.config}
                  onChange={(e) => setField('config', e.target.value)}
                />
              )}
            </Field>
            <Field label="Input versions" hint="versions the run used (Ctrl/⌘-click for several)">
              {(ids) => (
                <select
                  {...ids}
                  multiple
                  size={Math.min(6, Math.max(2, versions.data?.length ?? 2))}
                  className={inputClass}
                  value={[...fields.inputs]}
                  onChange={(e) => setField('inputs', Array.from(e.target.selectedOptions, (o) => o.value as VersionId))}
                >
                  {(versions.data ?? []).map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.artifactName}:v{v.index} ({v.type})
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
      </div>
    </details>
  );
}

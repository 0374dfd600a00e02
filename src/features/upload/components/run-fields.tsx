import { useQuery } from '@tanstack/react-query';
import type { VersionId } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import type { UploadSession } from '../hooks/use-upload-session';
import { Field, inputClass } from './field';

type RunFieldsProps = { session: UploadSession };

/** Optional producing run, so the upload shows in the lineage like a logged artifact. */
export function RunFields({ session }: RunFieldsProps) {
  const { fields, setField, form, project } = session;
  const store = useStore();
  const versions = useQuery({ ...versionQueries.ofProject(store, project), enabled: fields.runEnabled });
  const errors = form.errors;

  return (
    <details className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800" open={fields.runEnabled}>
      <summary className="cursor-pointer text-xs font-medium text-slate-700 dark:text-slate-300">Producing run (optional)</summary>
      <div className="mt-3 flex flex-col gap-3">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={fields.runEnabled} onChange={(e) => setField('runEnabled', e.target.checked)} />
          Record a run that produced this version
        </label>
        {fields.runEnabled && (
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

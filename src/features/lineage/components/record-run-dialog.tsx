import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Run, VersionId } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { useRecordRun } from '../hooks/use-record-run';

type RecordRunDialogProps = { project: string; open: boolean; onClose: () => void; onRecorded: (run: Run) => void };

const inputClass = 'w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';

/**
 * "Record run": name, job type, config JSON and input versions, so lineage can be built
 * without code. Outputs are attached by uploading with this run as the producer.
 */
export function RecordRunDialog({ project, open, onClose, onRecorded }: RecordRunDialogProps) {
  const store = useStore();
  const id = useId();
  const versions = useQuery({ ...versionQueries.ofProject(store, project), enabled: open });
  const record = useRecordRun(project);
  const [name, setName] = useState('');
  const [jobType, setJobType] = useState('');
  const [config, setConfig] = useState('');
  const [inputs, setInputs] = useState<VersionId[]>([]);
  const submit = () =>
    record.mutate(
      { name, jobType, config, inputs },
      {
        onSuccess: (run) => {
          setName('');
          setJobType('');
          setConfig('');
          setInputs([]);
          onRecorded(run);
        },
      },
    );
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Record run"
      description={
        <>
          A run that used some versions. Its outputs are attached afterwards: on its run page (Attach output folder or files), or in any
          upload by picking it as the producing run.
        </>
      }
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" loading={record.isPending} onClick={submit}>
            Record run
          </Button>
        </>
      }
    >
      <form
        className="flex flex-col gap-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor={`${id}-name`} className="text-xs font-medium">
          Run name
        </label>
        <input id={`${id}-name`} className={inputClass} value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor={`${id}-job`} className="text-xs font-medium">
          Job type
        </label>
        <input id={`${id}-job`} className={inputClass} value={jobType} onChange={(e) => setJobType(e.target.value)} />
        <label htmlFor={`${id}-config`} className="text-xs font-medium">
          Config (JSON object)
        </label>
        <textarea id={`${id}-config`} rows={3} spellCheck={false} className={`${inputClass} font-mono text-xs`} value={config} onChange={(e) => setConfig(e.target.value)} />
        <label htmlFor={`${id}-inputs`} className="text-xs font-medium">
          Input versions
        </label>
        <select
          id={`${id}-inputs`}
          multiple
          size={Math.min(8, Math.max(3, versions.data?.length ?? 3))}
          className={inputClass}
          value={inputs}
          onChange={(e) => setInputs(Array.from(e.target.selectedOptions, (o) => o.value as VersionId))}
        >
          {(versions.data ?? []).map((v) => (
            <option key={v.id} value={v.id}>
              {v.artifactName}:v{v.index} ({v.type})
            </option>
          ))}
        </select>
        {versions.isSuccess && versions.data.length === 0 && (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            This project has no versions to pick as inputs yet. Record the run without inputs, or upload a version on the project page first.
          </p>
        )}
        {versions.isError && (
          <p role="alert" className="text-xs text-red-700 dark:text-red-400">
            Could not list the project’s versions ({versions.error.message}).{' '}
            <button type="button" className="underline" onClick={() => void versions.refetch()}>
              Try again
            </button>
          </p>
        )}
        {record.isError && (
          <p role="alert" className="text-xs text-red-700 dark:text-red-400">
            {record.error.message}
          </p>
        )}
      </form>
    </Dialog>
  );
}

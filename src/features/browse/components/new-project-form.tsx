import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { Button } from '../../../ui/button';
import { projectNameProblem, useCreateProject } from '../use-create-project';

type NewProjectFormProps = {
  initialName?: string;
  submitLabel?: string;
  /** More ways to start in the project named so far (e.g. upload), shown while the name is valid. */
  renderActions?: (project: string) => ReactNode;
  /** After the project was created (and opened). */
  onCreated?: () => void;
};

const inputClass =
  'w-64 max-w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm focus:border-indigo-500 ' +
  'focus:ring-1 focus:ring-indigo-500 focus:outline-none dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100';

/** "Project name" checked as it is typed (the store's rule), and "Create project". */
export function NewProjectForm({ initialName = '', submitLabel = 'Create project', renderActions, onCreated }: NewProjectFormProps) {
  const [name, setName] = useState(initialName);
  const create = useCreateProject();
  const id = useId();
  const problem = name.trim() === '' ? null : projectNameProblem(name);
  const message = problem ?? (create.error ? create.error.message : null);
  const valid = name.trim() !== '' && problem === null;

  return (
    <div className="flex flex-col gap-3">
      <form
        aria-label="New project"
        className="flex flex-col gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) create.mutate(name, { onSuccess: onCreated });
        }}
      >
        <label htmlFor={id} className="text-xs font-medium text-slate-700 dark:text-slate-300">
          Project name
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <input
            id={id}
            className={inputClass}
            value={name}
            autoComplete="off"
            spellCheck={false}
            placeholder="my-project"
            aria-invalid={problem !== null}
            aria-describedby={message ? `${id}-message` : undefined}
            onChange={(event) => {
              setName(event.target.value);
              create.reset();
            }}
          />
          <Button type="submit" variant="secondary" disabled={!valid} loading={create.isPending}>
            {submitLabel}
          </Button>
        </div>
        {message && (
          <p id={`${id}-message`} role="alert" className="text-xs text-red-700 dark:text-red-400">
            {message}
          </p>
        )}
      </form>
      {/* Outside the form: what they render may hold forms of its own (the upload's draft dialog). */}
      {valid && renderActions?.(name.trim())}
    </div>
  );
}

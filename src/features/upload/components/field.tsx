import { useId } from 'react';
import type { ReactNode } from 'react';
import { cn } from '../../../ui/cn';

export const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ' +
  'focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 ' +
  'disabled:opacity-60 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100';

type FieldProps = {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
  /** Renders the control with the ids that tie it to the label, error and hint. */
  children: (ids: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
};

/** A labelled form control with its validation message (read by screen readers). */
export function Field({ label, error, hint, className, children }: FieldProps) {
  const id = useId();
  const messageId = `${id}-message`;
  const message = error ?? hint;
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <label htmlFor={id} className="text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': message ? messageId : undefined })}
      {message && (
        <p id={messageId} className={cn('text-xs', error ? 'text-red-700 dark:text-red-400' : 'text-slate-500 dark:text-slate-400')}>
          {message}
        </p>
      )}
    </div>
  );
}

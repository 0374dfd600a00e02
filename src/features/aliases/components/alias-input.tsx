import { useEffect, useId, useRef, useState } from 'react';
import { aliasProblem } from '../../../domain/aliases';
import { Button } from '../../../ui/button';

type AliasInputProps = {
  /** Called with a valid alias; the input closes. */
  onSubmit: (alias: string) => void;
  label: string;
};

/** "+" that opens a small input, checked against the alias rules as you type. */
export function AliasInput({ onSubmit, label }: AliasInputProps) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const hintId = useId();
  const problem = value === '' ? null : aliasProblem(value);
  const plus = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    // back on the row acted on, not lost to the page when the input goes away
    if (!open && wasOpen.current) plus.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const close = () => {
    setOpen(false);
    setValue('');
  };

  if (!open) {
    return (
      <button
        ref={plus}
        type="button"
        aria-label={label}
        title={label}
        onClick={() => setOpen(true)}
        className="inline-flex h-5 w-5 items-center justify-center rounded-full text-xs text-slate-500 ring-1 ring-slate-300 ring-inset hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 dark:ring-slate-600 dark:hover:bg-slate-800 dark:text-slate-400"
      >
        +
      </button>
    );
  }

  return (
    <form
      className="inline-flex flex-col gap-1"
      onSubmit={(event) => {
        event.preventDefault();
        if (value === '' || problem !== null) return;
        onSubmit(value);
        close();
      }}
    >
      <span className="inline-flex items-center gap-1">
        <input
          autoFocus
          aria-label="New alias"
          aria-invalid={problem !== null}
          aria-describedby={hintId}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
          placeholder="alias"
          className="h-6 w-32 rounded border border-slate-300 bg-white px-1.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
        />
        <Button type="submit" size="sm" variant="primary" disabled={value === '' || problem !== null} className="h-6">
          Add
        </Button>
        <Button size="sm" variant="ghost" onClick={close} className="h-6">
          Cancel
        </Button>
      </span>
      <span id={hintId} role={problem ? 'alert' : undefined} className="max-w-64 text-[11px] text-red-600 dark:text-red-400">
        {problem}
      </span>
    </form>
  );
}

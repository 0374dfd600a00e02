import { useId } from 'react';

type TypedConfirmationProps = { alias: string; value: string; onChange: (value: string) => void };

/** "Type production to confirm": the guard on protected aliases. */
export function TypedConfirmation({ alias, value, onChange }: TypedConfirmationProps) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id}>
        <span className="font-mono font-semibold">{alias}</span> is protected. Type its name to confirm.
      </label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        className="h-8 rounded border border-slate-300 bg-white px-2 font-mono dark:border-slate-600 dark:bg-slate-900"
      />
    </div>
  );
}

import { useId } from 'react';
import { confirmationMatches } from '../../../domain/aliases';

type TypedConfirmationProps = {
  alias: string;
  value: string;
  onChange: (value: string) => void;
  /** Enter in the field confirms, once what is typed matches (as the dialog's button would). */
  onConfirm: () => void;
  /** False while the confirmation is already under way. */
  canConfirm?: boolean;
};

/** "Type production to confirm": the guard on protected aliases. */
export function TypedConfirmation({ alias, value, onChange, onConfirm, canConfirm = true }: TypedConfirmationProps) {
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
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || !canConfirm || !confirmationMatches(value, alias)) return;
          event.preventDefault();
          onConfirm();
        }}
        autoComplete="off"
        data-autofocus
        className="h-8 rounded border border-slate-300 bg-white px-2 font-mono dark:border-slate-600 dark:bg-slate-900"
      />
    </div>
  );
}

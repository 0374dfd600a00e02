import { setStartFrom } from '../../../domain/draft';
import type { UploadSession } from '../hooks/use-upload-session';
import { inputClass } from './field';

type BasePickerProps = { session: UploadSession };

/** "Start from vN" (dropped files add to or replace its files) or "replace all contents". */
export function BasePicker({ session }: BasePickerProps) {
  const { baseVersion, draft, change } = session;
  const startFrom = draft.draft.startFrom;
  const name = 'draft-start-from';

  if (baseVersion.versions.length === 0) {
    return <p className="text-xs text-slate-500 dark:text-slate-400">The artifact has no live version: this draft starts empty.</p>;
  }
  return (
    <fieldset className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
      <legend className="px-1 text-xs font-medium text-slate-700 dark:text-slate-300">Contents</legend>
      <label className="flex items-center gap-2">
        <input type="radio" name={name} checked={startFrom === 'base'} onChange={() => change((d) => setStartFrom(d, 'base'))} />
        <span>Start from</span>
        <select
          aria-label="Base version"
          className={`${inputClass} w-auto py-0.5`}
          value={baseVersion.index ?? ''}
          onChange={(e) => session.chooseBase(Number(e.target.value))}
        >
          {baseVersion.versions.map((v) => (
            <option key={v.index} value={v.index}>
              v{v.index}
              {v.aliases.length > 0 ? ` (${v.aliases.join(', ')})` : ''}
            </option>
          ))}
        </select>
        <span className="text-xs text-slate-500 dark:text-slate-400">dropped files add to or replace its files</span>
      </label>
      <label className="flex items-center gap-2">
        <input type="radio" name={name} checked={startFrom === 'empty'} onChange={() => change((d) => setStartFrom(d, 'empty'))} />
        <span>Replace all contents</span>
        <span className="text-xs text-slate-500 dark:text-slate-400">only what is dropped here (compared with v{baseVersion.index})</span>
      </label>
      {baseVersion.loading && <p className="text-xs text-slate-500">Loading the files of v{baseVersion.index}…</p>}
      {baseVersion.error && <p className="text-xs text-red-700">{baseVersion.error.message}</p>}
    </fieldset>
  );
}

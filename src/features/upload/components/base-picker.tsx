import { filesLeftOutOfSnapshot, setStartFrom } from '../../../domain/draft';
import { formatCount } from '../../../domain/format';
import type { UploadSession } from '../hooks/use-upload-session';
import { inputClass } from './field';

type BasePickerProps = { session: UploadSession };

/**
 * "Start from vN" (dropped files add to or replace its files) or "replace all contents". A
 * folder re-upload replaces all contents by default; when that leaves files of vN out, the
 * choice is asked as a question naming how many.
 */
export function BasePicker({ session }: BasePickerProps) {
  const { baseVersion, draft, change } = session;
  const startFrom = draft.draft.startFrom;
  const name = 'draft-start-from';
  const leftOut = filesLeftOutOfSnapshot(draft.draft);

  if (baseVersion.versions.length === 0) {
    return <p className="text-xs text-slate-500 dark:text-slate-400">The artifact has no live version: this draft starts empty.</p>;
  }
  const versionSelect = (
    <select aria-label="Base version" className={`${inputClass} w-auto py-0.5`} value={baseVersion.index ?? ''} onChange={(e) => session.chooseBase(Number(e.target.value))}>
      {baseVersion.versions.map((v) => (
        <option key={v.index} value={v.index}>
          v{v.index}
          {v.aliases.length > 0 ? ` (${v.aliases.join(', ')})` : ''}
        </option>
      ))}
    </select>
  );
  const status = (
    <>
      {baseVersion.loading && <p className="text-xs text-slate-500">Loading the files of v{baseVersion.index}…</p>}
      {baseVersion.error && <p className="text-xs text-red-700">{baseVersion.error.message}</p>}
    </>
  );

  if (leftOut.length > 0) {
    const files = leftOut.length === 1 ? 'the file' : `the ${formatCount(leftOut.length)} files`;
    return (
      <fieldset className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50/60 p-3 text-sm dark:border-amber-800 dark:bg-amber-950/30">
        <legend className="px-1 text-xs font-medium text-slate-800 dark:text-slate-200">
          Keep {files} of v{baseVersion.index} that {leftOut.length === 1 ? 'is' : 'are'} not in this folder?
        </legend>
        <label className="flex items-start gap-2">
          <input type="radio" name={name} className="mt-1" checked={startFrom === 'empty'} onChange={() => change((d) => setStartFrom(d, 'empty'))} />
          <span>
            No: the new version holds exactly the folder {draft.draft.folderSnapshot}
            <span className="block text-xs text-slate-500 dark:text-slate-400">as W&amp;B&apos;s add_dir logs it; compared with {versionSelect}</span>
          </span>
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name={name} checked={startFrom === 'base'} onChange={() => change((d) => setStartFrom(d, 'base'))} />
          <span>Yes: keep them as they are in v{baseVersion.index}</span>
        </label>
        {status}
      </fieldset>
    );
  }
  return (
    <fieldset className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
      <legend className="px-1 text-xs font-medium text-slate-700 dark:text-slate-300">Contents</legend>
      <label className="flex items-center gap-2">
        <input type="radio" name={name} checked={startFrom === 'base'} onChange={() => change((d) => setStartFrom(d, 'base'))} />
        <span>Start from</span>
        {versionSelect}
        <span className="text-xs text-slate-500 dark:text-slate-400">dropped files add to or replace its files</span>
      </label>
      <label className="flex items-center gap-2">
        <input type="radio" name={name} checked={startFrom === 'empty'} onChange={() => change((d) => setStartFrom(d, 'empty'))} />
        <span>Replace all contents</span>
        <span className="text-xs text-slate-500 dark:text-slate-400">only what is dropped here (compared with v{baseVersion.index})</span>
      </label>
      {status}
    </fieldset>
  );
}

import { useState } from 'react';
import { droppedFolders, keepsTopFolder, setKeepTopFolder, setPrefix } from '../../../domain/draft';
import type { UploadSession } from '../hooks/use-upload-session';
import { inputClass } from './field';

type DropPathControlsProps = { session: UploadSession };

/** Says where dropped files land (dropped folder's own name kept or not) and sets a prefix. */
export function DropPathControls({ session }: DropPathControlsProps) {
  const { draft, change } = session;
  const [prefixText, setPrefixText] = useState(draft.draft.prefix);
  const [prefixError, setPrefixError] = useState<string | null>(null);
  const folders = droppedFolders(draft.draft);
  const keep = keepsTopFolder(draft.draft);
  const shownFolders = folders.slice(0, 3).map((f) => `${f}/`).join(', ') + (folders.length > 3 ? ` and ${folders.length - 3} more` : '');

  const applyPrefix = (text: string) => {
    setPrefixText(text);
    const ok = change((d) => setPrefix(d, text));
    setPrefixError(ok ? null : `"${text}" is not a valid folder path`);
  };

  return (
    <div className="flex flex-col gap-1.5 rounded-md bg-slate-50 p-2 text-xs text-slate-600 dark:bg-slate-900/60 dark:text-slate-400">
      {folders.length > 0 && (
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={keep} onChange={(e) => change((d) => setKeepTopFolder(d, e.target.checked))} />
          <span>
            {keep ? 'Dropped folders keep their names' : 'Paths are relative to the dropped folder'} ({shownFolders})
          </span>
        </label>
      )}
      <label className="flex items-center gap-2">
        <span className="shrink-0">Put dropped files under</span>
        <input
          aria-label="Path prefix"
          aria-invalid={prefixError !== null}
          placeholder="(the root)"
          className={`${inputClass} py-0.5 font-mono text-xs`}
          value={prefixText}
          onChange={(e) => applyPrefix(e.target.value)}
        />
      </label>
      {prefixError && <p className="text-red-700 dark:text-red-400">{prefixError}</p>}
    </div>
  );
}

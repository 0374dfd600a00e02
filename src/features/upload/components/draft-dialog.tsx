import { formatBytes, formatCount } from '../../../domain/format';
import { Button } from '../../../ui/button';
import { cn } from '../../../ui/cn';
import { Dialog } from '../../../ui/dialog';
import type { UploadSession } from '../hooks/use-upload-session';
import { BasePicker } from './base-picker';
import { ChooseButtons } from './choose-buttons';
import { DiffPanel } from './diff-panel';
import { DraftFields } from './draft-fields';
import { DraftFileList } from './draft-file-list';
import { ProgressPanel } from './progress-panel';
import { ReferenceForm } from './reference-form';
import { RunFields } from './run-fields';

type DraftDialogProps = { session: UploadSession; dragging: boolean };

/** The draft of a new version: details on the left, files, progress and the diff on the right. */
export function DraftDialog({ session, dragging }: DraftDialogProps) {
  const { draft, hashing, commit, preview, identical, existing, form } = session;
  const files = draft.items.length;
  const bytes = draft.items.reduce((sum, item) => sum + item.size, 0);
  const progress = commit.progress ?? hashing.progress;
  const busy = commit.pending || hashing.progress !== null;
  const problem = draft.error ?? hashing.error ?? preview?.error ?? commit.error ?? null;
  // Told before the commit, so that space can be freed first (the commit's own refusal says more).
  const storageFull = session.stagingFailure?.code === 'quota-exceeded' && !commit.error;
  const nextIndex = existing ? existing.nextIndex : 0;
  // A failed commit (e.g. storage full) is shown but does not block trying again once space is freed.
  const canCommit = !busy && form.values !== null && preview?.data !== undefined && !(problem && problem !== commit.error);
  const aliasesOnly = identical !== null;
  const title = existing ? `New version of ${existing.name}` : 'New artifact';
  const blocker = busy
    ? null
    : form.values === null
      ? 'Fix the fields marked in red to commit.'
      : aliasesOnly && form.values.aliases.length === 0
        ? 'Nothing new to commit: enter aliases to add them to the identical version.'
        : null;

  return (
    <Dialog
      open={session.isOpen}
      onClose={session.close}
      title={title}
      description={
        <span className="tabular-nums">
          {formatCount(files)} {files === 1 ? 'file' : 'files'} · {formatBytes(bytes)} — drop more files or folders anywhere
        </span>
      }
      className={cn('w-[68rem]', dragging && 'outline-4 outline-dashed outline-indigo-500')}
      footer={
        <>
          <ChooseButtons onPick={session.add} onSlice={session.addEarly} folderLabel="Add folder" filesLabel="Add files" size="md" disabled={commit.pending} />
          <span className="flex-1 text-right text-xs text-slate-500 dark:text-slate-400">{blocker}</span>
          <Button variant="ghost" onClick={session.close}>
            {busy ? 'Cancel upload' : 'Discard'}
          </Button>
          <Button variant="primary" disabled={!canCommit || (aliasesOnly && form.values?.aliases.length === 0)} loading={commit.pending} onClick={session.submit}>
            {aliasesOnly ? `Add aliases to v${identical.index}` : `Commit v${nextIndex}`}
          </Button>
        </>
      }
    >
      <div className="grid gap-5 md:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="flex flex-col gap-4">
          <DraftFields session={session} />
          {existing && <BasePicker session={session} />}
          <RunFields session={session} />
        </div>
        <div className="flex min-w-0 flex-col gap-4">
          {progress && <ProgressPanel progress={progress} onCancel={session.close} />}
          {problem && (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm whitespace-pre-line text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300">
              {problem.message}
              {hashing.error && (
                <Button size="sm" variant="secondary" className="ml-2" onClick={session.retryHashing}>
                  Retry reading
                </Button>
              )}
            </p>
          )}
          {storageFull && (
            <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
              Storage is full: the browser refused to keep more of these files while they were read. Delete versions you no longer need
              before you commit; the commit writes the rest and says how much space it needs.
            </p>
          )}
          {preview && <DiffPanel session={session} />}
          <DraftFileList session={session} />
          <ReferenceForm session={session} />
        </div>
      </div>
    </Dialog>
  );
}

import { lazy, Suspense, useEffect } from 'react';
import { toAppError } from '../../../domain/errors';
import type { RunId } from '../../../domain/types';
import { Button } from '../../../ui/button';
import { useToast } from '../../../ui/toast';
import { useUploadSession } from '../hooks/use-upload-session';
import { useWindowDrop } from '../hooks/use-window-drop';
import { ChooseButtons } from './choose-buttons';
import { DropOverlay } from './drop-overlay';
import type { DraftDialog as DraftDialogComponent } from './draft-dialog';

// The draft dialog (forms, diff, progress) is not in the initial bundle: it is fetched once the
// page with the upload buttons has mounted, so it is there by the time files arrive. Once fetched
// it renders directly: going through lazy/Suspense again would hold its first paint back (React
// throttles Suspense reveals), long enough for a quick hashing phase to pass unseen.
let loadedDraftDialog: typeof DraftDialogComponent | null = null;
const loadDraftDialog = () =>
  import('./draft-dialog').then((m) => {
    loadedDraftDialog = m.DraftDialog;
    return m;
  });
const LazyDraftDialog = lazy(() => loadDraftDialog().then((m) => ({ default: m.DraftDialog })));

type UploadActionProps = {
  project: string;
  /** On an artifact page: new versions of it (the name can still be changed in the draft). */
  artifact?: string;
  /** On a run page: outputs of that run (preselected as the producer; it can still be changed). */
  producingRun?: RunId;
  /** One button with this label that opens an empty draft (files are added in it), instead of "Upload folder" / "Upload files". */
  openLabel?: string;
};

/**
 * The upload entry point for a project or artifact page: "Choose folder" / "Choose files"
 * buttons, the whole page as a drop target, and the draft dialog once something arrived.
 */
export function UploadAction({ project, artifact, producingRun, openLabel }: UploadActionProps) {
  const session = useUploadSession({ project, artifact, producingRun });
  useEffect(() => {
    void loadDraftDialog();
  }, []);
  const toast = useToast();
  const { dragging } = useWindowDrop(
    session.add,
    (error) => toast.show({ tone: 'error', title: 'Could not read what was dropped', message: toAppError(error).message }),
    session.addEarly,
  );
  const LoadedDraftDialog = loadedDraftDialog;
  const target = producingRun
    ? 'a version produced by this run'
    : artifact
      ? `a new version of ${artifact}`
      : `a new artifact or version in ${project}`;

  return (
    <>
      {openLabel ? (
        <Button variant="primary" disabled={session.isOpen} title="Or drop files and folders anywhere on the page" onClick={session.open}>
          {openLabel}
        </Button>
      ) : (
        <ChooseButtons
          onPick={session.add}
          onSlice={session.addEarly}
          folderLabel={producingRun ? 'Attach output folder' : 'Upload folder'}
          filesLabel={producingRun ? 'Attach output files' : 'Upload files'}
          variant="primary"
          disabled={session.isOpen}
        />
      )}
      {dragging && !session.isOpen && <DropOverlay target={target} />}
      {session.isOpen &&
        (LoadedDraftDialog ? (
          <LoadedDraftDialog session={session} dragging={dragging} />
        ) : (
          <Suspense fallback={null}>
            <LazyDraftDialog session={session} dragging={dragging} />
          </Suspense>
        ))}
    </>
  );
}

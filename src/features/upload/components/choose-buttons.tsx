import { useRef } from 'react';
import { toAppError } from '../../../domain/errors';
import { Button } from '../../../ui/button';
import type { ButtonSize, ButtonVariant } from '../../../ui/button';
import { useToast } from '../../../ui/toast';
import { directoryPicker, filesFromDirectoryHandle, filesFromInput } from '../../../lib/folder-walk';
import type { PickedFile } from '../../../lib/folder-walk';

type ChooseButtonsProps = {
  onPick: (files: PickedFile[]) => void;
  /** Parts of the pick as their sizes become known, before `onPick` gets all of it. */
  onSlice?: (files: PickedFile[]) => void;
  folderLabel?: string;
  filesLabel?: string;
  /** The folder button's variant; the files button is always secondary. */
  variant?: ButtonVariant;
  size?: ButtonSize;
  disabled?: boolean;
};

/**
 * "Choose folder" and "Choose files" buttons. The folder comes from showDirectoryPicker where
 * the browser has it (its files arrive with their sizes, as in a drop), else from a hidden
 * <input webkitdirectory>; files from a hidden <input multiple>.
 */
export function ChooseButtons({
  onPick,
  onSlice,
  folderLabel = 'Choose folder',
  filesLabel = 'Choose files',
  variant = 'secondary',
  size = 'md',
  disabled = false,
}: ChooseButtonsProps) {
  const folderInput = useRef<HTMLInputElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const toast = useToast();

  const chooseFolder = () => {
    const pickDirectory = directoryPicker();
    if (!pickDirectory) {
      folderInput.current?.click();
      return;
    }
    pickDirectory()
      .then(async (folder) => {
        if (!folder) return; // closed without choosing
        const files = await filesFromDirectoryHandle(folder, onSlice);
        if (files.length > 0) onPick(files);
        else toast.show({ tone: 'info', title: 'Nothing to upload', message: `The folder ${folder.name} holds no files.` });
      })
      .catch((error: unknown) => toast.show({ tone: 'error', title: 'Could not read the chosen folder', message: toAppError(error).message }));
  };

  const pick = (input: HTMLInputElement) => {
    const files = input.files ? Array.from(input.files) : [];
    input.value = ''; // choosing the same folder again must fire "change" again
    if (files.length > 0) void filesFromInput(files, onSlice).then(onPick);
  };

  return (
    <>
      <input
        ref={folderInput}
        type="file"
        webkitdirectory=""
        multiple
        hidden
        aria-label="Choose folder"
        data-testid="upload-folder-input"
        onChange={(event) => pick(event.currentTarget)}
      />
      <input
        ref={filesInput}
        type="file"
        multiple
        hidden
        aria-label="Choose files"
        data-testid="upload-files-input"
        onChange={(event) => pick(event.currentTarget)}
      />
      <Button
        variant={variant}
        size={size}
        disabled={disabled}
        title="Or drop files and folders anywhere on the page"
        onClick={chooseFolder}
      >
        {folderLabel}
      </Button>
      <Button variant="secondary" size={size} disabled={disabled} onClick={() => filesInput.current?.click()}>
        {filesLabel}
      </Button>
    </>
  );
}

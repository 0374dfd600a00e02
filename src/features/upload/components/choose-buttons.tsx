import { useRef } from 'react';
import { Button } from '../../../ui/button';
import type { ButtonSize, ButtonVariant } from '../../../ui/button';
import { filesFromInput } from '../drop-walk';
import type { PickedFile } from '../drop-walk';

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

/** "Choose folder" (webkitdirectory) and "Choose files" buttons over hidden file inputs. */
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
        onClick={() => folderInput.current?.click()}
      >
        {folderLabel}
      </Button>
      <Button variant="secondary" size={size} disabled={disabled} onClick={() => filesInput.current?.click()}>
        {filesLabel}
      </Button>
    </>
  );
}

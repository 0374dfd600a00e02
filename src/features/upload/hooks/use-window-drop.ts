import { useEffect, useRef, useState } from 'react';
import { filesFromDataTransfer } from '../../../lib/folder-walk';
import type { PickedFile } from '../../../lib/folder-walk';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Makes the whole window a drop target for files and folders while mounted. `dragging` is
 * true while files are held over the page (for the overlay); a drop calls `onFiles`
 * with what was dropped (folders walked), or `onError` when reading the drop failed;
 * `onSlice` gets the files of a large drop in parts as the walk finds them, before `onFiles`.
 */
export function useWindowDrop(
  onFiles: (files: PickedFile[]) => void,
  onError: (error: unknown) => void,
  onSlice?: (files: PickedFile[]) => void,
): { dragging: boolean } {
  const [dragging, setDragging] = useState(false);
  const handlers = useRef({ onFiles, onError, onSlice });
  useEffect(() => {
    handlers.current = { onFiles, onError, onSlice };
  });

  useEffect(() => {
    let depth = 0; // dragenter/dragleave fire for every child element crossed
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // allows the drop
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const drop = (event: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (!event.dataTransfer || (!carriesFiles(event) && event.dataTransfer.files.length === 0)) return;
      event.preventDefault(); // otherwise the browser opens the file
      filesFromDataTransfer(event.dataTransfer, (slice) => handlers.current.onSlice?.(slice)).then(
        (files) => handlers.current.onFiles(files),
        (error: unknown) => handlers.current.onError(error),
      );
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return { dragging };
}

import { useMutation } from '@tanstack/react-query';
import type { DirectoryHandleLike } from '../../../store/folder/directory-handle-client';
import { useStoreHolder } from '../../../store/store-context';
import { useToast } from '../../../ui/toast';

type DirectoryPicker = (options: { id: string; mode: 'read' }) => Promise<DirectoryHandleLike>;

function directoryPicker(): DirectoryPicker | null {
  const picker = (globalThis as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;
  return typeof picker === 'function' ? (options) => picker.call(globalThis, options) : null;
}

/**
 * "Open folder store…": the browser's folder picker (Chromium), then the folder store the CLI
 * wrote there, read-only, as the active store. Null where the browser has no folder picker.
 */
export function useOpenFolderStore(): { open: () => void; opening: boolean } | null {
  const holder = useStoreHolder();
  const toast = useToast();
  const open = useMutation({
    mutationFn: async () => {
      const picker = directoryPicker();
      if (picker === null) return null;
      let handle: DirectoryHandleLike;
      try {
        handle = await picker({ id: 'artifact-studio-folder-store', mode: 'read' });
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return null; // closed without choosing
        throw error;
      }
      // The store logic loads only when a folder is opened (it stays out of the first load).
      const { openPickedFolderStore } = await import('../../../store/folder/open-picked-folder-store');
      return openPickedFolderStore(handle);
    },
    meta: { errorTitle: 'Could not open the folder store' },
    onSuccess: (store) => {
      if (store === null) return;
      holder.add(store);
      holder.activate(store.id);
      toast.show({ tone: 'success', title: `Opened ${store.label}`, message: store.readOnlyReason });
    },
  });
  if (directoryPicker() === null) return null;
  return { open: () => open.mutate(), opening: open.isPending };
}

import { useCallback, useMemo, useState } from 'react';
import { createDraft, draftClashError, draftContents } from '../../../domain/draft';
import type { Draft, DraftBase, DraftItem } from '../../../domain/draft';
import { toAppError } from '../../../domain/errors';
import type { AppError } from '../../../domain/errors';

const initial = (): Draft<File> => ({ ...createDraft<File>(null), startFrom: 'base' });

/**
 * The draft's change set in React state. The base comes from a query (it loads after the
 * draft starts), so it is not stored: every change is applied to the draft with the current
 * base and every read sees it. A refused change (bad prefix, missing path) becomes `error`.
 */
export function useDraft(base: DraftBase | null) {
  const [state, setState] = useState<Draft<File>>(initial);
  const [changeError, setChangeError] = useState<AppError | null>(null);
  const draft = useMemo<Draft<File>>(() => ({ ...state, base, startFrom: base ? state.startFrom : 'empty' }), [state, base]);

  const update = useCallback(
    (change: (draft: Draft<File>) => Draft<File>): boolean => {
      try {
        const next = change(draft);
        // Without a base the draft reads "empty"; that is kept only when chosen (or a folder snapshot began).
        const keepsNext = next.base || state.startFrom === 'empty' || next.folderSnapshot !== state.folderSnapshot;
        setState({ ...next, startFrom: keepsNext ? next.startFrom : state.startFrom });
        setChangeError(null);
        return true;
      } catch (error) {
        setChangeError(toAppError(error));
        return false;
      }
    },
    [draft, state.startFrom, state.folderSnapshot],
  );

  const reset = useCallback(() => {
    setState(initial());
    setChangeError(null);
  }, []);

  const view = useMemo((): { items: DraftItem<File>[]; error: AppError | null } => {
    try {
      // Clashing files stay listed (so that their path can be removed) while the error stops the commit.
      const contents = draftContents(draft);
      return { items: contents.items, error: draftClashError(contents) };
    } catch (error) {
      return { items: [], error: toAppError(error) };
    }
  }, [draft]);

  return { draft, items: view.items, error: view.error ?? changeError, update, reset, clearError: () => setChangeError(null) };
}

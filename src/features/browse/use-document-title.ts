import { useEffect } from 'react';

const APP = 'Artifact Studio';

/** Sets `document.title` to "<title> · Artifact Studio" while the page is shown. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    if (title === null) return;
    const previous = document.title;
    document.title = `${title} · ${APP}`;
    return () => {
      document.title = previous;
    };
  }, [title]);
}

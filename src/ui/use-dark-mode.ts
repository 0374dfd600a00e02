import { useSyncExternalStore } from 'react';

// The theme is the `dark` class on <html> (set by the header's theme toggle); components that
// draw their own colours (e.g. React Flow) read it here and re-render when it changes.
function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

const isDark = () => document.documentElement.classList.contains('dark');

/** True while the app shows its dark theme. */
export function useDarkMode(): boolean {
  return useSyncExternalStore(subscribe, isDark, () => false);
}

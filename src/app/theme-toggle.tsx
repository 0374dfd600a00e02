import { useEffect, useState } from 'react';

const KEY = 'artifact-studio:theme';
const SYSTEM_DARK = '(prefers-color-scheme: dark)';

type Theme = 'light' | 'dark';

function savedTheme(): Theme | null {
  try {
    const saved = localStorage.getItem(KEY);
    return saved === 'dark' || saved === 'light' ? saved : null;
  } catch {
    return null; // storage blocked: follow the system
  }
}

/** The OS preference; null where the environment cannot tell (no matchMedia, e.g. jsdom). */
function systemDarkQuery(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia(SYSTEM_DARK) : null;
}

function systemTheme(): Theme {
  return systemDarkQuery()?.matches ? 'dark' : 'light';
}

/** Puts `theme` on <html>: the `dark` class for Tailwind, and `color-scheme` for native controls and scrollbars. */
function applyTheme(theme: Theme): void {
  document.documentElement.classList.toggle('dark', theme === 'dark');
  document.documentElement.style.colorScheme = theme;
}

/** Applies the saved theme (or the system's) before the first render; main.tsx calls it. */
export function applyInitialTheme(): void {
  applyTheme(savedTheme() ?? systemTheme());
}

/**
 * Light/dark switch in the header. Until the user picks one, the theme follows the OS, live
 * (`prefers-color-scheme`); a pick is saved in localStorage (`artifact-studio:theme`) and wins
 * over the OS from then on.
 */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => (document.documentElement.classList.contains('dark') ? 'dark' : 'light'));

  useEffect(() => {
    const media = systemDarkQuery();
    if (!media) return;
    const onSystemChange = () => {
      if (savedTheme() !== null) return;
      const next = systemTheme();
      applyTheme(next);
      setTheme(next);
    };
    media.addEventListener('change', onSystemChange);
    return () => media.removeEventListener('change', onSystemChange);
  }, []);

  const dark = theme === 'dark';
  const toggle = () => {
    const next: Theme = dark ? 'light' : 'dark';
    applyTheme(next);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // storage blocked: the choice lasts for this page only
    }
    setTheme(next);
  };

  return (
    <button
      type="button"
      onClick={toggle}
      aria-label={dark ? 'Use light theme' : 'Use dark theme'}
      title={dark ? 'Use light theme' : 'Use dark theme'}
      className="grid size-8 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
    >
      <svg viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden>
        {dark ? (
          <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1M10.5 8a2.5 2.5 0 1 1-5 0 2.5 2.5 0 0 1 5 0Z" />
        ) : (
          <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7Z" />
        )}
      </svg>
    </button>
  );
}

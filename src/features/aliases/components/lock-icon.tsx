/** A small padlock marking a protected alias (an SVG: emoji fonts are not everywhere). */
export function LockIcon() {
  return (
    <svg role="img" aria-label="protected" viewBox="0 0 16 16" className="inline size-3 shrink-0" fill="currentColor">
      <path d="M5 7V5a3 3 0 0 1 6 0v2h.5A1.5 1.5 0 0 1 13 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5Zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2Z" />
    </svg>
  );
}

/**
 * Dates and times in the user's locale, everywhere in the app: one formatter per precision so a
 * timeline that needs seconds (alias history, expiry) reads like every other date on the page.
 */
const dateTime = {
  minute: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
  second: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }),
};

/** "Mar 4, 2025, 10:22 AM" (or "…, 10:22:05 AM" to the second) in the user's locale. */
export function formatDateTime(ms: number, precision: 'minute' | 'second' = 'minute'): string {
  return dateTime[precision].format(ms);
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const units: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "3 minutes ago", "yesterday", "just now" — relative to `now`. */
export function formatRelativeTime(ms: number, now: number): string {
  const delta = ms - now;
  for (const [unit, size] of units) {
    if (Math.abs(delta) >= size) return relative.format(Math.round(delta / size), unit);
  }
  return 'just now';
}

const formatter = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/** A point in time for timelines, e.g. "27 Nov 2026, 03:04:05". */
export function formatWhen(ms: number): string {
  return formatter.format(new Date(ms));
}

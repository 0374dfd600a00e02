const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A date and time as the lineage panel and run page show them, e.g. "Nov 23, 2026, 2:40 AM". */
export function formatWhen(ms: number): string {
  return dateTime.format(ms);
}

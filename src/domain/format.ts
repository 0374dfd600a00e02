/**
 * Human-readable numbers for the UI. Locale-independent on purpose: the same input always
 * gives the same text, in tests and in every browser.
 */

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;
const PLACEHOLDER = '—';

/** One decimal below 100 ("1.5", "12.3"), none from 100 ("123"); ".0" is dropped. */
function shortNumber(value: number): string {
  const text = value < 100 ? value.toFixed(1) : value.toFixed(0);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** Bytes in base 1000, as W&B and file managers show them: "999 B", "1.5 kB", "123 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return PLACEHOLDER;
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  if (Math.round(value) < 1000) return `${sign}${Math.round(value)} B`;
  let unit = 0;
  while (unit < BYTE_UNITS.length - 1 && Number(shortNumber(value)) >= 1000) {
    value /= 1000;
    unit += 1;
  }
  return `${sign}${shortNumber(value)} ${BYTE_UNITS[unit] ?? 'B'}`;
}

/** A whole count with thousands separators: 100000 → "100,000". */
export function formatCount(count: number): string {
  if (!Number.isFinite(count)) return PLACEHOLDER;
  const sign = count < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(count)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** "850 ms", "1.2 s", "42 s", "3m 07s", "2h 05m", "3d 04h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return PLACEHOLDER;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) {
    const text = (Math.floor(ms / 100) / 10).toFixed(1);
    return `${text} s`;
  }
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) return `${totalMinutes}m ${pad2(totalSeconds % 60)}s`;
  const totalHours = Math.floor(totalMinutes / 60);
  if (totalHours < 24) return `${totalHours}h ${pad2(totalMinutes % 60)}m`;
  return `${Math.floor(totalHours / 24)}d ${pad2(totalHours % 24)}h`;
}

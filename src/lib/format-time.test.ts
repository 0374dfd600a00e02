import { describe, expect, it } from 'vitest';
import { formatDateTime, formatRelativeTime } from './format-time';

describe('formatRelativeTime', () => {
  const now = Date.UTC(2025, 0, 10, 12, 0, 0);
  it.each([
    [now - 10_000, /now/],
    [now - 3 * 60_000, /3 minutes ago/],
    [now - 2 * 3600_000, /2 hours ago/],
    [now - 24 * 3600_000, /yesterday|1 day ago/],
    [now - 40 * 24 * 3600_000, /last month|1 month ago/],
  ])('formats %d relative to now', (ms, expected) => {
    expect(formatRelativeTime(ms, now)).toMatch(expected);
  });
});

describe('formatDateTime', () => {
  const at = Date.UTC(2025, 2, 4, 10, 22, 5);
  it('shows seconds only when asked, in the same locale as the minute form', () => {
    const minute = formatDateTime(at);
    const second = formatDateTime(at, 'second');
    expect(second).not.toBe(minute);
    expect(second).toMatch(/05/);
    expect(minute).not.toMatch(/:05/);
    // The same date part: one locale for both precisions.
    expect(second.slice(0, 8)).toBe(minute.slice(0, 8));
  });
});

import { describe, expect, it } from 'vitest';
import { md5Base64 } from '../../domain/digest';
import type { ManifestEntry } from '../../domain/types';
import { createMemoryStore } from '../../store/memory-store';
import { zipStream } from './download';

/** The modification date of every local file header in a zip, as [year, month, day, hour, minute, second]. */
function entryDates(zip: Uint8Array): number[][] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const dates: number[][] = [];
  for (let at = 0; at + 30 <= zip.length; at++) {
    if (view.getUint32(at, true) !== 0x04034b50) continue;
    const time = view.getUint16(at + 10, true);
    const date = view.getUint16(at + 12, true);
    dates.push([(date >> 9) + 1980, (date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2]);
    at += 29;
  }
  return dates;
}

async function zipOf(modifiedAt?: Date): Promise<Uint8Array> {
  const store = createMemoryStore();
  const entries: ManifestEntry[] = [];
  for (const [path, text] of [['a.txt', 'alpha'], ['CON', 'reserved name, renamed']] as const) {
    const bytes = new TextEncoder().encode(text);
    entries.push({ path, digest: await md5Base64(bytes), size: bytes.length });
    await store.putBlobs([{ digest: entries.at(-1)?.digest ?? '', blob: new Blob([bytes]) }]);
  }
  return new Uint8Array(await new Response(zipStream(store, entries, modifiedAt ? { modifiedAt } : {})).arrayBuffer());
}

describe('zip download dates', () => {
  it('dates every entry, the renames list included, with the version’s creation time (not 2098-01-01)', async () => {
    const created = new Date(2026, 2, 4, 5, 6, 8);
    const dates = entryDates(await zipOf(created));
    expect(dates).toHaveLength(3); // a.txt, CON renamed, and the list of renames
    for (const d of dates) expect(d).toEqual([2026, 3, 4, 5, 6, 8]);
  });

  it('without the version’s time, dates entries now', async () => {
    const before = new Date();
    const dates = entryDates(await zipOf());
    for (const [year] of dates) expect(year).toBe(before.getFullYear());
  });
});

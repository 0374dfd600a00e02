import { posix, win32 } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeZipEntryName, uniqueZipEntryNames } from './zip-entry-name';

/** Strings built mostly from what escapes a folder: "..", separators, drive letters, controls. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.array(fc.constantFrom('..', '.', '/', '\\', 'C:', 'c:', 'a', 'é', '\0', '\n', ' ', '..\\', '//', '\\\\?\\', '%2e%2e'), { maxLength: 12 }).map((p) => p.join('')),
  // Issue 22: what Windows cannot create.
  fc
    .array(fc.constantFrom('CON', 'nul', 'Aux', 'com1', 'LPT²', '.txt', '.', ' ', ':', '*', '?', '|', '<', '>', '"', '/', 'x', 'é'.repeat(60)), { maxLength: 10 })
    .map((p) => p.join('')),
);

/** Why Windows would refuse a path segment, or null. */
function windowsProblem(segment: string): string | null {
  if (/[<>:"|?*]/.test(segment)) return 'forbidden character';
  if (/[. ]$/.test(segment)) return 'trailing dot or space';
  if (/^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])( *\.|$)/i.test(segment)) return 'reserved device name';
  if (new TextEncoder().encode(segment).length > 255) return 'over 255 bytes';
  return null;
}

describe('zip entry names (properties)', () => {
  it('never leave the folder they are extracted into, on POSIX or Windows, and Windows can create them', () => {
    fc.assert(
      fc.property(hostile, (path) => {
        const name = safeZipEntryName(path);
        expect(name).not.toBe('');
        expect(posix.isAbsolute(name) || win32.isAbsolute(name)).toBe(false);
        // eslint-disable-next-line no-control-regex -- control characters are exactly what must not remain
        expect(/[\u0000-\u001f\u007f]/.test(name)).toBe(false);
        expect(name.split(/[/\\]/)).not.toContain('..');
        expect(/^[a-zA-Z]:/.test(name)).toBe(false);
        expect(posix.resolve('/out', name).startsWith('/out/')).toBe(true);
        expect(win32.resolve('C:\\out', name).startsWith('C:\\out\\')).toBe(true);
        for (const segment of name.split('/')) expect(windowsProblem(segment)).toBeNull();
      }),
      { numRuns: 5000 },
    );
  });

  it('keep ordinary paths as they are, and give every entry of a version its own name', () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 10 }), (paths) => {
        const names = uniqueZipEntryNames(paths);
        // Distinct also where case and Unicode form do not count (Windows, macOS).
        expect(new Set(names.map((n) => n.normalize('NFC').toLowerCase())).size).toBe(names.length);
        // …and no name is both a file and a folder of another.
        const keys = new Set(names.map((n) => n.normalize('NFC').toLowerCase()));
        for (const key of keys) for (let slash = key.indexOf('/'); slash !== -1; slash = key.indexOf('/', slash + 1)) expect(keys.has(key.slice(0, slash))).toBe(false);
      }),
    );
    expect(safeZipEntryName('images/ünïcode 😀.bin')).toBe('images/ünïcode 😀.bin');
  });
});

import { describe, expect, it } from 'vitest';
import { hasHidden, revealHidden, splitHidden } from './hidden-chars';

describe('hidden characters in names (issue 22)', () => {
  it.each([
    ['invoice\u202Etxt.exe', 'invoice⟨U+202E⟩txt.exe'],
    ['prod\u200B', 'prod⟨U+200B⟩'],
    [' lead and trail  ', '⟨U+0020⟩lead and trail⟨U+0020⟩⟨U+0020⟩'],
    ['a\u00A0b\u3000c', 'a⟨U+00A0⟩b⟨U+3000⟩c'],
    ['\uFEFF\u2066x\u2069', '⟨U+FEFF⟩⟨U+2066⟩x⟨U+2069⟩'],
    ['ordinary name.txt', 'ordinary name.txt'],
    ['données/été 😀.csv', 'données/été 😀.csv'],
    ['', ''],
  ])('%j shows as %j', (name, shown) => {
    expect(revealHidden(name)).toBe(shown);
    expect(hasHidden(name)).toBe(shown !== name);
  });

  it('names each hidden character', () => {
    expect(splitHidden('a\u202Eb')).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'hidden', char: '\u202E', label: 'U+202E right-to-left override' },
      { kind: 'text', text: 'b' },
    ]);
    expect(splitHidden(' x')[0]).toEqual({ kind: 'hidden', char: ' ', label: 'U+0020 space at the edge of the name' });
  });
});

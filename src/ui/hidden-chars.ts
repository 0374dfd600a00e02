/**
 * Characters that hide or disguise a name: invisible format characters (zero-width space and
 * joiners, the BOM), the bidi controls that reorder what follows (U+202E makes
 * "invoice\u202Etxt.exe" read "invoiceexe.txt"), line/paragraph separators, fillers that
 * render as nothing, spaces other than U+0020, and spaces at either end of a name.
 */
export type NamePart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'hidden'; readonly char: string; readonly label: string };

const HIDDEN = /[\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/gu;
const EDGE_SPACES = /^ +| +$/g;

const NAMES: Record<string, string> = {
  '\u200B': 'zero-width space',
  '\u200C': 'zero-width non-joiner',
  '\u200D': 'zero-width joiner',
  '\u200E': 'left-to-right mark',
  '\u200F': 'right-to-left mark',
  '\u202A': 'left-to-right embedding',
  '\u202B': 'right-to-left embedding',
  '\u202C': 'pop directional formatting',
  '\u202D': 'left-to-right override',
  '\u202E': 'right-to-left override',
  '\u2066': 'left-to-right isolate',
  '\u2067': 'right-to-left isolate',
  '\u2068': 'first strong isolate',
  '\u2069': 'pop directional isolate',
  '\uFEFF': 'zero-width no-break space',
  '\u00A0': 'no-break space',
  ' ': 'space at the edge of the name',
};

/** "U+202E". */
export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function hidden(char: string): NamePart {
  const name = NAMES[char];
  return { kind: 'hidden', char, label: name ? `${codePointLabel(char)} ${name}` : `${codePointLabel(char)} invisible character` };
}

/** Splits a name into plain text and the hidden characters in it (in order); plain names give one part. */
export function splitHidden(name: string): NamePart[] {
  const marks: { index: number; char: string }[] = [];
  for (const match of name.matchAll(HIDDEN)) marks.push({ index: match.index, char: match[0] });
  for (const match of name.matchAll(EDGE_SPACES)) {
    for (let k = 0; k < match[0].length; k++) marks.push({ index: match.index + k, char: ' ' });
  }
  if (marks.length === 0) return name === '' ? [] : [{ kind: 'text', text: name }];
  marks.sort((a, b) => a.index - b.index);
  const parts: NamePart[] = [];
  let at = 0;
  for (const mark of marks) {
    if (mark.index > at) parts.push({ kind: 'text', text: name.slice(at, mark.index) });
    parts.push(hidden(mark.char));
    at = mark.index + mark.char.length;
  }
  if (at < name.length) parts.push({ kind: 'text', text: name.slice(at) });
  return parts;
}

/** True when the name holds something splitHidden would show. */
export function hasHidden(name: string): boolean {
  return splitHidden(name).some((part) => part.kind === 'hidden');
}

/** The name as plain text with each hidden character written as ⟨U+XXXX⟩: for titles and labels. */
export function revealHidden(name: string): string {
  return splitHidden(name)
    .map((part) => (part.kind === 'text' ? part.text : `⟨${codePointLabel(part.char)}⟩`))
    .join('');
}

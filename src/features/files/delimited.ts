/**
 * A small RFC 4180 reader for previews: quoted fields, doubled quotes, CR/LF line ends. It stops
 * after `maxRows` rows so a 2 GB CSV previews as fast as a small one (the caller passes only the
 * first bytes; a row cut off at the end is dropped). What it cannot read as rows it says, so the
 * preview can show the text instead of "Empty file".
 */
export type DelimitedProblem =
  /** A quoted field opens at `offset` (in row `row`, 0-based) and the text ends before it closes. */
  | { readonly kind: 'unclosed-quote'; readonly row: number; readonly offset: number }
  /** The text (a cut prefix of the file) ends inside its first row: `rows` holds that row's start. */
  | { readonly kind: 'first-row-cut' };

export type DelimitedPreview = {
  rows: string[][];
  /** True when the text went on after the rows returned. */
  truncated: boolean;
  problem?: DelimitedProblem;
};

export function parseDelimited(text: string, delimiter: ',' | '\t', maxRows: number, complete = true): DelimitedPreview {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let quoteStart = 0;
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < n) {
    if (rows.length >= maxRows) return { rows, truncated: true };
    const c = text[i];
    if (quoted) {
      // Copy up to the next quote at once: a quoted field can be megabytes long.
      const close = text.indexOf('"', i);
      if (close < 0) {
        field += text.slice(i);
        i = n;
        break;
      }
      field += text.slice(i, close);
      if (text[close + 1] === '"') {
        field += '"';
        i = close + 2;
        continue;
      }
      quoted = false;
      i = close + 1;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteStart = i;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n') endRow();
    else if (c === '\r') {
      endRow();
      if (text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (rows.length >= maxRows) return { rows, truncated: i < n };
  if (quoted && complete) {
    // Reading on would make the rest of the file one cell: stop at the quote and say where.
    return { rows, truncated: true, problem: { kind: 'unclosed-quote', row: rows.length, offset: quoteStart } };
  }
  if (field !== '' || row.length > 0 || quoted) {
    // The last row has no line end: keep it when the text is whole, drop it when it was cut,
    // unless it is the only row (a one-line file larger than the preview): then show its start.
    if (complete) endRow();
    else if (rows.length === 0) {
      endRow();
      return { rows, truncated: true, problem: { kind: 'first-row-cut' } };
    } else return { rows, truncated: true };
  }
  return { rows, truncated: !complete };
}

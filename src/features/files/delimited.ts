/**
 * A small RFC 4180 reader for previews: quoted fields, doubled quotes, CR/LF line ends. It stops
 * after `maxRows` rows so a 2 GB CSV previews as fast as a small one (the caller passes only the
 * first bytes; a row cut off at the end is dropped).
 */
export type DelimitedPreview = {
  rows: string[][];
  /** True when the text went on after the rows returned. */
  truncated: boolean;
};

export function parseDelimited(text: string, delimiter: ',' | '\t', maxRows: number, complete = true): DelimitedPreview {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
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
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
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
  if (field !== '' || row.length > 0) {
    // The last row has no line end: keep it when the text is whole, drop it when it was cut.
    if (complete) endRow();
    else return { rows, truncated: true };
  }
  return { rows, truncated: !complete };
}

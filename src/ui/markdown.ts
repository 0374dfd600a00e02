import { Marked } from 'marked';
import type { Tokens } from 'marked';

/**
 * Markdown → HTML that is safe to put in the page: raw HTML in the source is shown as text
 * (escaped), and links/images keep only http(s), mailto and relative targets. Anything else
 * (javascript:, data:, vbscript:, …) renders as its plain text.
 */
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

/** True for http:, https:, mailto: and relative URLs (no scheme at all). */
export function isSafeHref(href: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const compact = href.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (!scheme) return true;
  const name = (scheme[1] ?? '').toLowerCase();
  return name === 'http' || name === 'https' || name === 'mailto';
}

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      if (!isSafeHref(href)) return inner;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      const external = /^(https?:)?\/\//i.test(href) ? ' target="_blank" rel="noopener noreferrer"' : '';
      return `<a href="${escapeHtml(href)}"${titleAttr}${external}>${inner}</a>`;
    },
    image({ href, title, text }: Tokens.Image): string {
      if (!isSafeHref(href)) return escapeHtml(text);
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${titleAttr} loading="lazy" referrerpolicy="no-referrer">`;
    },
  },
});

/** Block quotes and lists nest at most this deep; marked recurses per level and overflows the stack near 1,000. */
export const MAX_MARKDOWN_NESTING = 32;

// One container marker at the start of a line: ">" or a list bullet/number, then its spaces.
const CONTAINER_MARKER = /^[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?/;

/**
 * Escapes the container marker past `MAX_MARKDOWN_NESTING` on each line, so deeper levels
 * render as text inside the deepest allowed one ("> > > … x" nested 5,000 times).
 */
export function boundNesting(source: string): string {
  if (!/(?:[>*+-]|\d[.)])[ \t]*(?:[>*+-]|\d[.)])/.test(source)) return source;
  return source.replace(/^.*$/gm, (line) => {
    let rest = line;
    let consumed = 0;
    for (let depth = 0; depth < MAX_MARKDOWN_NESTING; depth++) {
      const marker = CONTAINER_MARKER.exec(rest);
      if (!marker) return line;
      consumed += marker[0].length;
      rest = rest.slice(marker[0].length);
    }
    const next = /^[ \t]*(?=[>*+\d-])/.exec(rest);
    if (!next || !CONTAINER_MARKER.test(rest)) return line;
    const at = consumed + next[0].length;
    return `${line.slice(0, at)}\\${line.slice(at)}`;
  });
}

/**
 * HTML for `source`. When marked still cannot render it (inline nesting thousands deep), the
 * source is shown escaped, as text, under a line saying why.
 */
export function renderMarkdown(source: string): string {
  try {
    return marked.parse(boundNesting(source), { async: false });
  } catch (error) {
    const reason = error instanceof RangeError ? 'it nests too deeply to render' : 'it could not be rendered';
    return `<p><em>This Markdown is shown as text: ${reason}.</em></p><pre>${escapeHtml(source)}</pre>`;
  }
}

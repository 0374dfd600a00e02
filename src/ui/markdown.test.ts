import { describe, expect, it } from 'vitest';
import { isSafeHref, MAX_MARKDOWN_NESTING, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders headings, tables and emphasis', () => {
    const html = renderMarkdown('# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n*em*');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<td>1</td>');
    expect(html).toContain('<em>em</em>');
  });

  it('shows raw HTML as text, block and inline', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> there');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it.each([
    ['[x](javascript:alert(1))', 'x'],
    ['[x](JaVaScRiPt:alert(1))', 'x'],
    ['[x](data:text/html,hi)', 'x'],
    ['[x](vbscript:foo)', 'x'],
  ])('drops the unsafe link %s and keeps its text', (source, text) => {
    const html = renderMarkdown(source);
    expect(html).not.toContain('<a');
    expect(html).toContain(text);
  });

  it('keeps http(s), mailto and relative links; external ones open safely', () => {
    expect(renderMarkdown('[a](https://x.org/p?q=1&r=2)')).toContain(
      '<a href="https://x.org/p?q=1&amp;r=2" target="_blank" rel="noopener noreferrer">a</a>',
    );
    expect(renderMarkdown('[m](mailto:a@b.c)')).toContain('<a href="mailto:a@b.c">m</a>');
    expect(renderMarkdown('[r](docs/readme.md)')).toContain('<a href="docs/readme.md">r</a>');
  });

  it('refuses unsafe image sources', () => {
    expect(renderMarkdown('![alt](javascript:x)')).not.toContain('<img');
    expect(renderMarkdown('![alt](https://x.org/a.png)')).toContain('<img src="https://x.org/a.png" alt="alt"');
  });
});

describe('isSafeHref', () => {
  it.each([
    ['https://a', true],
    ['http://a', true],
    ['mailto:a@b', true],
    ['a/b.md', true],
    ['#anchor', true],
    ['java\tscript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['file:///etc/passwd', false],
  ])('%s → %s', (href, safe) => {
    expect(isSafeHref(href)).toBe(safe);
  });
});

describe('renderMarkdown on hostile nesting (issue 22 item 7)', () => {
  const count = (html: string, tag: string) => html.split(`<${tag}>`).length - 1;

  it('renders 5,000 nested block quotes as the allowed depth with the rest as text', () => {
    const html = renderMarkdown('> '.repeat(5000) + 'deep');
    expect(count(html, 'blockquote')).toBe(MAX_MARKDOWN_NESTING);
    expect(html).toContain('&gt; &gt; &gt;');
    expect(html).toContain('deep');
  });

  it.each([
    ['bullets', '- '.repeat(5000) + 'x', 'li'],
    ['numbers', '1. '.repeat(4000) + 'x', 'li'],
    ['quotes and bullets', '> - '.repeat(3000) + 'x', 'blockquote'],
  ])('bounds %s nested on one line', (_name, source, tag) => {
    const html = renderMarkdown(source);
    expect(count(html, tag)).toBeLessThanOrEqual(MAX_MARKDOWN_NESTING);
    expect(html).toContain('x');
  });

  it('keeps shallow nesting as Markdown', () => {
    expect(renderMarkdown('> > quoted\n\n- - item')).toBe(
      '<blockquote>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n</blockquote>\n<ul>\n<li><ul>\n<li>item</li>\n</ul>\n</li>\n</ul>\n',
    );
  });
});

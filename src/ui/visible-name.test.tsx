import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { VisibleName } from './visible-name';

describe('VisibleName (issue 22)', () => {
  it('renders a right-to-left override as a marked badge, never the character itself', () => {
    const html = renderToStaticMarkup(<VisibleName name={'invoice\u202Etxt.exe'} />);
    expect(html).not.toContain('\u202E');
    expect(html).toContain('invoice</span><abbr title="U+202E right-to-left override"');
    expect(html).toContain('>⟨U+202E⟩</abbr><span>txt.exe</span>');
  });

  it('renders a plain name as itself, isolated', () => {
    expect(renderToStaticMarkup(<VisibleName name="données/été.csv" />)).toBe('<bdi>données/été.csv</bdi>');
  });
});

import { describe, expect, it } from 'vitest';
import { hrefs } from '../../ui/hrefs';
import { lineageHrefParams, parseLineageUrl } from './lineage-url';

describe('lineage URL state', () => {
  it.each([
    ['', { focus: null, up: 2, down: 2, dir: 'LR', types: [], jobs: [] }],
    ['focus=run%3Aabc&up=all&down=1&dir=TB', { focus: 'run:abc', up: Infinity, down: 1, dir: 'TB', types: [], jobs: [] }],
    ['focus=p%2Fa%3Av1&up=-3&down=x&types=model,dataset&jobs=train', { focus: 'p/a:v1', up: 2, down: 2, dir: 'LR', types: ['model', 'dataset'], jobs: ['train'] }],
  ])('parses "%s"', (search, want) => {
    expect(parseLineageUrl(new URLSearchParams(search))).toEqual(want);
  });

  it('round-trips through hrefs.lineage', () => {
    const state = parseLineageUrl(new URLSearchParams('focus=example%2Fclassifier%3Av1&up=3&down=all&dir=TB&types=model'));
    const href = hrefs.lineage('example', lineageHrefParams(state));
    expect(href).toBe('/p/example/lineage?focus=example%2Fclassifier%3Av1&up=3&down=all&dir=TB&types=model');
    expect(parseLineageUrl(new URL(href, 'http://x').searchParams)).toEqual(state);
    expect(hrefs.lineage('example', lineageHrefParams(parseLineageUrl(new URLSearchParams(''))))).toBe('/p/example/lineage');
  });
});

import { describe, expect, it } from 'vitest';
import { hrefs } from '../ui/hrefs';
import { matchPath } from './router';

describe('matchPath', () => {
  it.each([
    ['/', '/', {}],
    ['/p/:project', '/p/example', { project: 'example' }],
    ['/p/:project', '/p/example/', { project: 'example' }],
    ['/p/:project/a/:artifact', '/p/example/a/tabular-data', { project: 'example', artifact: 'tabular-data' }],
    ['/p/:project/a/:artifact/v/:ref', '/p/x/a/y/v/v3', { project: 'x', artifact: 'y', ref: 'v3' }],
    ['/p/:project/a/:artifact/v/:ref', '/p/x/a/y/v/prod%20ready', { project: 'x', artifact: 'y', ref: 'prod ready' }],
  ])('%s matches %s', (pattern, pathname, params) => {
    expect(matchPath(pattern, pathname)).toEqual(params);
  });

  it.each([
    ['/p/:project', '/'],
    ['/p/:project', '/p/example/a/x'],
    ['/p/:project/a/:artifact', '/p/example/b/x'],
    ['/p/:project', '/p/%E0%A4%A'], // malformed escape
  ])('%s does not match %s', (pattern, pathname) => {
    expect(matchPath(pattern, pathname)).toBeNull();
  });

  it('reads back every value hrefs encodes, including "/", "?", "#" and non-ASCII', () => {
    const [project, artifact, ref] = ['proj.1', 'data set#1', 'älias?/x'];
    const href = hrefs.version(project, artifact, ref, 'files');
    const url = new URL(href, 'http://local');
    expect(matchPath('/p/:project/a/:artifact/v/:ref', url.pathname)).toEqual({ project, artifact, ref });
    expect(url.searchParams.get('tab')).toBe('files');
    expect(hrefs.version(project, artifact, ref)).not.toContain('?');
  });
});

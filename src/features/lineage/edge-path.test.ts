import { describe, expect, it } from 'vitest';
import { routePath } from './edge-path';

describe('routePath', () => {
  it('draws runs through a rank straight and gap crossings as S-curves along the rank direction', () => {
    expect(routePath([0, 10, 50, 10, 100, 40, 120, 40], 'LR')).toBe('M0,10L50,10C75,10 75,40 100,40L120,40');
    expect(routePath([10, 0, 10, 50, 40, 100], 'TB')).toBe('M10,0L10,50C10,75 40,75 40,100');
  });

  it('is empty for a route that was left out, and rounds to a tenth of a pixel', () => {
    expect(routePath([], 'LR')).toBe('');
    expect(routePath([0.123, 0, 1.07, 0], 'LR')).toBe('M0.1,0L1.1,0');
  });
});

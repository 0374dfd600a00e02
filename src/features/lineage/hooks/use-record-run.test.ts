import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../domain/validation';

describe('parseConfigText', () => {
  it('reads an object, and an empty text as {}', () => {
    expect(parseConfigText('{"lr": 0.01, "layers": [64, 32]}')).toEqual({ lr: 0.01, layers: [64, 32] });
    expect(parseConfigText('  ')).toEqual({});
  });
  it.each([
    ['{lr: 1}', /config is not valid JSON/],
    ['[1, 2]', /config/],
    ['"text"', /config/],
  ])('refuses %s', (text, message) => {
    expect(() => parseConfigText(text)).toThrow(message);
  });
});

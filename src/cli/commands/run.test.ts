import { describe, expect, it } from 'vitest';
import { validateRunName } from '../../domain/validation';
import { defaultRunName } from './run';

describe('defaultRunName', () => {
  it('puts an inline script spanning lines on one line, and cuts it to a valid run name', () => {
    const name = defaultRunName(['node', '-e', 'const a = 1;\nconsole.log(a);\t// done']);
    expect(name).toBe('node -e const a = 1; console.log(a); // done');
    const long = defaultRunName(['python', 'x'.repeat(300), '😀'.repeat(10)]);
    expect(Array.from(long)).toHaveLength(128);
    expect(validateRunName(long)).toBe(long);
  });
});

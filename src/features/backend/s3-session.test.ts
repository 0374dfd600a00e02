import { describe, expect, it } from 'vitest';
import type { S3Config } from '../../store/s3/s3-config';
import { clearS3Session, initialS3Form, loadS3Session, saveS3Session } from './s3-session';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

const config: S3Config = {
  endpoint: 'http://127.0.0.1:7480',
  region: 'us-east-1',
  bucket: 'team',
  prefix: 'a/',
  accessKeyId: 'KEY',
  secretAccessKey: 'SECRET',
};

describe('s3 session', () => {
  it('round-trips through the given (session) storage and clears', () => {
    const storage = memoryStorage();
    expect(loadS3Session(storage)).toBeNull();
    saveS3Session({ config, active: true }, storage);
    expect(loadS3Session(storage)).toEqual({ config, active: true });
    clearS3Session(storage);
    expect(loadS3Session(storage)).toBeNull();
  });

  it('ignores what is not a saved session', () => {
    const storage = memoryStorage();
    storage.setItem('artifact-studio.s3-session', '{not json');
    expect(loadS3Session(storage)).toBeNull();
    storage.setItem('artifact-studio.s3-session', JSON.stringify({ config: { endpoint: 1 }, active: true }));
    expect(loadS3Session(storage)).toBeNull();
  });

  it('pre-fills the form from the last session without its secret', () => {
    expect(initialS3Form({ config: { ...config, sessionToken: 'T' }, active: false })).toEqual({ ...config, secretAccessKey: '', sessionToken: '' });
    expect(initialS3Form(null)).toMatchObject({ endpoint: '', region: 'us-east-1', secretAccessKey: '' });
  });
});

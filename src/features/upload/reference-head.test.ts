import { describe, expect, it } from 'vitest';
import { headReference } from './reference-head';

const answer = (status: number, headers: Record<string, string>) => () => Promise.resolve(new Response(null, { status, headers }));

describe('headReference', () => {
  it('reads ETag and Content-Length from a HEAD answer', async () => {
    const calls: RequestInit[] = [];
    const fetchImpl = ((_: string, init: RequestInit) => {
      calls.push(init);
      return answer(200, { ETag: '"abc"', 'Content-Length': '256' })();
    }) as typeof fetch;
    expect(await headReference('https://h/f', fetchImpl)).toEqual({ etag: '"abc"', size: 256 });
    expect(calls[0]?.method).toBe('HEAD');
  });

  const nulls: { name: string; uri: string; fetchImpl: typeof fetch }[] = [
    { name: 'a CORS or network failure', uri: 'https://h/f', fetchImpl: (() => Promise.reject(new TypeError('Failed to fetch'))) },
    { name: 'an error status', uri: 'https://h/f', fetchImpl: answer(404, {}) },
    { name: 'an s3:// URI (never asked)', uri: 's3://b/k', fetchImpl: (() => Promise.reject(new Error('must not be called'))) },
  ];
  it.each(nulls)('gives null for $name', async ({ uri, fetchImpl }) => {
    expect(await headReference(uri, fetchImpl)).toBeNull();
  });

  it('keeps a missing ETag as null', async () => {
    expect(await headReference('http://h/f', answer(200, { 'Content-Length': '3' }) as typeof fetch)).toEqual({ etag: null, size: 3 });
  });
});

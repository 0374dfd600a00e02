import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors';
import { runBulkReleaseCheck, runStoreContract } from './contract';
import { createMemoryBackend, createMemoryStore } from './memory-store';
import { prefixRange } from './record-backend';

runStoreContract('memory', (options) => Promise.resolve(createMemoryStore(options)));
runBulkReleaseCheck('memory', (options) => Promise.resolve(createMemoryStore(options)));

describe('memory backend', () => {
  it('rolls a failed transaction back, auto-increment counter included', async () => {
    const backend = createMemoryBackend();
    await backend.transaction(['projects', 'aliasEvents'], 'readwrite', async (tx) => {
      await tx.put('projects', { name: 'kept', createdAt: 1 });
      await tx.put('aliasEvents', { artifactId: 'p/a' as never, alias: 'x', action: 'add', fromIndex: null, toIndex: 0, at: 1 });
    });
    await expect(
      backend.transaction(['projects', 'aliasEvents'], 'readwrite', async (tx) => {
        await tx.put('projects', { name: 'kept', createdAt: 99 });
        await tx.put('projects', { name: 'gone', createdAt: 2 });
        await tx.put('aliasEvents', { artifactId: 'p/a' as never, alias: 'y', action: 'add', fromIndex: null, toIndex: 1, at: 2 });
        throw new AppError('internal', 'boom');
      }),
    ).rejects.toThrow('boom');
    const state = await backend.transaction(['projects', 'aliasEvents'], 'readwrite', async (tx) => {
      await tx.put('aliasEvents', { artifactId: 'p/a' as never, alias: 'z', action: 'add', fromIndex: null, toIndex: 2, at: 3 });
      return { projects: await tx.getAll('projects'), events: await tx.getAll('aliasEvents') };
    });
    expect(state.projects).toEqual([{ name: 'kept', createdAt: 1 }]);
    expect(state.events.map((e) => [e.seq, e.alias])).toEqual([
      [1, 'x'],
      [2, 'z'],
    ]);
  });

  it('keeps records apart from the objects passed in and handed out', async () => {
    const backend = createMemoryBackend();
    const record = { name: 'p', createdAt: 1 };
    await backend.transaction(['projects'], 'readwrite', (tx) => tx.put('projects', record));
    record.createdAt = 2;
    const read = await backend.transaction(['projects'], 'readonly', (tx) => tx.get('projects', 'p'));
    if (read) read.createdAt = 3;
    expect(await backend.transaction(['projects'], 'readonly', (tx) => tx.get('projects', 'p'))).toEqual({ name: 'p', createdAt: 1 });
  });

  it('refuses writes in read-only transactions and stores outside the scope', async () => {
    const backend = createMemoryBackend();
    await expect(backend.transaction(['projects'], 'readonly', (tx) => tx.put('projects', { name: 'p', createdAt: 1 }))).rejects.toThrow(/read-only/);
    await expect(backend.transaction(['projects'], 'readonly', (tx) => tx.getAll('runs'))).rejects.toThrow(/not part/);
  });

  it('orders compound keys like IndexedDB and bounds prefixes', async () => {
    const backend = createMemoryBackend();
    await backend.transaction(['blobChunks'], 'readwrite', async (tx) => {
      for (const [digest, i] of [['b', 10], ['a', 2], ['b', 2], ['ab', 0], ['b', 1]] as const) {
        await tx.put('blobChunks', { digest, i, data: new ArrayBuffer(0) });
      }
    });
    const keys = await backend.transaction(['blobChunks'], 'readonly', (tx) => tx.getAllKeys('blobChunks', prefixRange(['b'])));
    expect(keys).toEqual([
      ['b', 1],
      ['b', 2],
      ['b', 10],
    ]);
  });
});

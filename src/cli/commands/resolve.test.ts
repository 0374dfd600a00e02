import { describe, expect, it } from 'vitest';
import type { ArtifactStore } from '../../store/artifact-store';
import { createMemoryStore } from '../../store/memory-store';
import type { CommandContext } from '../context';
import { resolveRef } from './resolve';

const context = { project: 'p' } as unknown as CommandContext;

/** Counts the store calls that read an artifact's records (each is a round of requests on S3). */
function counting(store: ArtifactStore): { store: ArtifactStore; reads: string[] } {
  const reads: string[] = [];
  const wrapped = new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if ((name === 'getArtifact' || name === 'resolveVersion') && typeof value === 'function') {
        return (...args: unknown[]) => {
          reads.push(name);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
  return { store: wrapped, reads };
}

describe('resolveRef', () => {
  it('reads an existing artifact once, and names a missing artifact or version as such', async () => {
    const memory = createMemoryStore();
    const blob = new Blob(['x']);
    const digest = 'ndTkYSaMgDT1yFZOFVxnpg==';
    await memory.putBlobs([{ digest, blob }]);
    await memory.commitVersion({ project: 'p', artifactName: 'a', type: 'dataset', entries: [{ path: 'x', digest, size: 1 }] });
    const { store, reads } = counting(memory);
    expect((await resolveRef(store, context, 'a:latest')).index).toBe(0);
    expect(reads).toEqual(['resolveVersion']);
    await expect(resolveRef(store, context, 'missing:latest')).rejects.toMatchObject({ code: 'not-found' });
    await expect(resolveRef(store, context, 'missing:latest')).rejects.toThrow(/missing/);
    await expect(resolveRef(store, context, 'a:v7')).rejects.toMatchObject({ code: 'not-found' });
    await expect(resolveRef(store, context, 'a:v7')).rejects.toThrow(/v7/);
  });
});

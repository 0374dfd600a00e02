import { describe, expect, it } from 'vitest';
import { layoutLineage } from '../domain/lineage-layout';
import type { LayoutInput } from '../domain/lineage-layout';
import { createLayoutClient } from './layout-client';
import type { LayoutWorkerLike } from './layout-client';
import type { LayoutRequest, LayoutResponse } from './layout-protocol';

const input: LayoutInput = {
  nodes: [
    { id: 'a', width: 100, height: 40 },
    { id: 'b', width: 100, height: 40 },
  ],
  edges: [{ source: 'a', target: 'b' }],
  direction: 'LR',
};

/** A worker that answers like layout.worker.ts, counting requests. */
function fakeWorker() {
  const requests: LayoutRequest[] = [];
  const worker: LayoutWorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      requests.push(message);
      queueMicrotask(() => {
        const data: LayoutResponse = { id: message.id, ok: true, result: layoutLineage(message.input), ms: 0 };
        worker.onmessage?.({ data } as MessageEvent<LayoutResponse>);
      });
    },
    terminate() {},
  };
  return { worker, requests };
}

describe('createLayoutClient', () => {
  it('lays out in the worker once per view key and serves the cache after', async () => {
    const { worker, requests } = fakeWorker();
    const client = createLayoutClient({ createWorker: () => worker });
    const first = await client.layout('k1', input);
    const again = await client.layout('k1', input);
    expect(again).toBe(first);
    expect(requests).toHaveLength(1);
    expect(client.cached('k1')).toBe(first);
    expect(first.positions.b?.x).toBeGreaterThan(first.positions.a?.x ?? Infinity);
    await client.layout('k2', { ...input, direction: 'TB' });
    expect(requests).toHaveLength(2);
  });

  it('forgets the least recently used layouts beyond its size', async () => {
    const { worker, requests } = fakeWorker();
    const client = createLayoutClient({ createWorker: () => worker, cacheSize: 2 });
    await client.layout('a', input);
    await client.layout('b', input);
    await client.layout('a', input);
    await client.layout('c', input);
    expect(client.cached('b')).toBeUndefined();
    expect(client.cached('a')).toBeDefined();
    expect(requests.map((r) => r.id)).toHaveLength(3);
  });

  it('rejects with an AppError when the worker fails, and lays out inline without a worker', async () => {
    const failing: LayoutWorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage(message) {
        queueMicrotask(() => failing.onmessage?.({ data: { id: message.id, ok: false, message: 'boom' } } as MessageEvent<LayoutResponse>));
      },
      terminate() {},
    };
    await expect(createLayoutClient({ createWorker: () => failing }).layout('x', input)).rejects.toThrow(/lineage layout failed: boom/);
    const inline = await createLayoutClient({ createWorker: null }).layout('x', input);
    expect(Object.keys(inline.positions)).toEqual(['a', 'b']);
  });
});

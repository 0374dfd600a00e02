import { describe, expect, it } from 'vitest';
import { announceChange, CHANGE_CHANNEL_NAME, subscribeToChanges } from './change-channel';

describe('change channel', () => {
  it('reaches other pages (another BroadcastChannel) but not its own listeners', async () => {
    const otherTab = new BroadcastChannel(CHANGE_CHANNEL_NAME);
    const received: unknown[] = [];
    const own: unknown[] = [];
    const got = new Promise<void>((resolve) => {
      otherTab.onmessage = (event: MessageEvent<unknown>) => {
        received.push(event.data);
        resolve();
      };
    });
    const stop = subscribeToChanges((m) => own.push(m));
    announceChange('local');
    await got;
    expect(received).toEqual([{ type: 'changed', storeId: 'local' }]);

    const fromOther = new Promise<void>((resolve) => {
      const stopOther = subscribeToChanges((m) => {
        own.push(m);
        stopOther();
        resolve();
      });
    });
    otherTab.postMessage({ type: 'changed', storeId: 's3' });
    otherTab.postMessage({ type: 'nonsense' });
    await fromOther;
    await new Promise((r) => setTimeout(r, 20));
    expect(own).toEqual([
      { type: 'changed', storeId: 's3' },
      { type: 'changed', storeId: 's3' },
    ]);
    stop();
    otherTab.close();
  });
});

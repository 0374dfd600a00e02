/**
 * Tells the app's other tabs that stored data changed, so they refetch. One BroadcastChannel
 * named 'artifact-studio' per page: a page never receives its own messages, and a browser
 * without BroadcastChannel simply has no cross-tab updates.
 */
export const CHANGE_CHANNEL_NAME = 'artifact-studio';

export interface ChangeMessage {
  readonly type: 'changed';
  /** The ArtifactStore id whose data changed ('local', a remote origin). */
  readonly storeId: string;
}

let channel: BroadcastChannel | null | undefined;

function getChannel(): BroadcastChannel | null {
  if (channel === undefined) channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANGE_CHANNEL_NAME) : null;
  return channel;
}

function isChangeMessage(data: unknown): data is ChangeMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'changed' && typeof (data as { storeId?: unknown }).storeId === 'string';
}

/** Call after a mutation succeeded. */
export function announceChange(storeId: string): void {
  getChannel()?.postMessage({ type: 'changed', storeId } satisfies ChangeMessage);
}

/** Calls `listener` for every change another tab announces; returns the unsubscribe function. */
export function subscribeToChanges(listener: (message: ChangeMessage) => void): () => void {
  const current = getChannel();
  if (!current) return () => undefined;
  const onMessage = (event: MessageEvent<unknown>) => {
    if (isChangeMessage(event.data)) listener(event.data);
  };
  current.addEventListener('message', onMessage);
  return () => current.removeEventListener('message', onMessage);
}

import { createHashWorkerHandler } from './hash-job';
import type { HashRequest, HashResponse } from './hash-protocol';

// One worker of the hash pool (see hash-client.ts); the protocol lives in hash-job.ts.
const scope = self as unknown as {
  postMessage(message: HashResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<HashRequest>) => void) | null;
};
const handle = createHashWorkerHandler((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event) => handle(event.data);

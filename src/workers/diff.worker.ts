import { runDiffTask } from './diff-job';
import type { DiffRequest, DiffResponse } from './diff-protocol';

// Text, CSV and JSON diffs off the main thread (see diff-client.ts).
const scope = self as unknown as {
  postMessage(message: DiffResponse): void;
  onmessage: ((event: MessageEvent<DiffRequest>) => void) | null;
};
scope.onmessage = (event) => {
  const { id, task } = event.data;
  runDiffTask(task).then(
    (result) => scope.postMessage({ id, ok: true, result }),
    (error: unknown) => scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
};

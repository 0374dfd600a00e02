import type { ImageRequest, ImageResponse } from './image-protocol';
import { runImageTask } from './image-job';

// Decodes and compares images off the main thread (see image-client.ts).
const scope = self as unknown as {
  postMessage(message: ImageResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ImageRequest>) => void) | null;
};
scope.onmessage = ({ data }) => {
  runImageTask(data.task).then(
    ({ result, transfer }) => scope.postMessage({ id: data.id, ok: true, result }, transfer),
    (error: unknown) => scope.postMessage({ id: data.id, ok: false, message: error instanceof Error ? error.message : String(error) }, []),
  );
};

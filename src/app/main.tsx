import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../index.css';
import { toAppError } from '../domain/errors';
import type { ArtifactStore, GcResult, IntegrityReport } from '../store/artifact-store';
import { createIdbStore } from '../store/idb/idb-store';
import { whenNoIngest } from '../store/ingest-lock';
import type { StoreTestHooks } from '../store/record/record-context';
import { createToastStore } from '../ui/toast-store';
import { App } from './app';
import { Providers } from './providers';
import { createAppQueryClient } from './query-client';
import { registerServiceWorker } from './register-service-worker';
import { StartupScreen } from './startup-screen';
import { applyInitialTheme } from './theme-toggle';

const element = document.getElementById('root');
if (!element) throw new Error('index.html has no #root element');
const root = createRoot(element);
applyInitialTheme();
root.render(<StartupScreen kind="opening" />);

const toasts = createToastStore();
/** Blobs staged before this moment belong to an earlier session (e.g. a tab closed mid-upload). */
const sessionStart = Date.now();

/**
 * With `?e2e` in the URL, Playwright tests can check the store from the page: read-only
 * `checkIntegrity`, the outcome of start-up garbage collection, and store test hooks the test
 * defines itself (`window.__artifactStudioTestHooks`, e.g. to stop inside the commit transaction).
 * Nothing is exposed without `?e2e`, and nothing exposed can change data.
 */
interface E2eHandle {
  checkIntegrity(): Promise<IntegrityReport>;
  startupGc: Promise<GcResult | null>;
}
declare global {
  interface Window {
    __artifactStudio?: E2eHandle;
    __artifactStudioTestHooks?: StoreTestHooks;
  }
}
const e2e = new URLSearchParams(window.location.search).has('e2e');
const testHooks: StoreTestHooks | undefined = e2e
  ? {
      afterCommitWrites: (versionId) => window.__artifactStudioTestHooks?.afterCommitWrites?.(versionId),
      afterBlobBatch: (written, total) => window.__artifactStudioTestHooks?.afterBlobBatch?.(written, total),
    }
  : undefined;

/** Collects staged blobs an earlier session left behind, unless another tab is uploading now. */
async function collectOrphans(store: ArtifactStore): Promise<GcResult | null> {
  try {
    return await whenNoIngest(() => store.collectGarbage({ stagedBefore: sessionStart }));
  } catch {
    return null; // best effort: the next start tries again
  }
}

async function start(): Promise<void> {
  try {
    const store = await createIdbStore({
      testHooks,
      onVersionChange: (change) =>
        root.render(
          change === 'delete' ? (
            <StartupScreen
              kind="blocked"
              title="Artifact Studio's stored data was deleted"
              message="Another tab or the browser's site-data settings deleted this browser's database. This tab closed its connection; what was deleted cannot be brought back here. Reload to start with an empty store."
            />
          ) : (
            <StartupScreen
              kind="blocked"
              title="Artifact Studio was updated in another tab"
              message="This tab closed its storage connection so the update could finish. Reload to continue."
            />
          ),
        ),
      onBlocked: () =>
        root.render(
          <StartupScreen
            kind="blocked"
            title="Waiting for another tab"
            message="An older Artifact Studio tab keeps the storage open. Close it and this page continues by itself."
          />,
        ),
    });
    const startupGc = collectOrphans(store);
    if (e2e) window.__artifactStudio = { checkIntegrity: () => store.checkIntegrity(), startupGc };
    const queryClient = createAppQueryClient({ toasts });
    root.render(
      <StrictMode>
        <Providers store={store} queryClient={queryClient} toasts={toasts}>
          <App />
        </Providers>
      </StrictMode>,
    );
  } catch (thrown) {
    const error = toAppError(thrown);
    root.render(
      <StartupScreen
        kind="blocked"
        title={error.code === 'schema-too-new' ? 'Your data is newer than this app' : 'Storage could not be opened'}
        message={error.message}
        code={error.code}
      />,
    );
  }
}

void start();
registerServiceWorker();

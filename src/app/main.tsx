import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../index.css';
import { toAppError } from '../domain/errors';
import { createIdbStore } from '../store/idb/idb-store';
import { createToastStore } from '../ui/toast-store';
import { App } from './app';
import { Providers } from './providers';
import { createAppQueryClient } from './query-client';
import { StartupScreen } from './startup-screen';
import { applyInitialTheme } from './theme-toggle';

const element = document.getElementById('root');
if (!element) throw new Error('index.html has no #root element');
const root = createRoot(element);
applyInitialTheme();
root.render(<StartupScreen kind="opening" />);

const toasts = createToastStore();

async function start(): Promise<void> {
  try {
    const store = await createIdbStore({
      onVersionChange: () =>
        root.render(
          <StartupScreen
            kind="blocked"
            title="Artifact Studio was updated in another tab"
            message="This tab closed its storage connection so the update could finish. Reload to continue."
          />,
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

import { AppShell } from './app-shell';
import { BackgroundSync } from './cross-tab-sync';
import { NotFoundPage } from './not-found-page';
import { Router } from './router';
import { routes } from './routes';
import { HeaderActions } from './slots';

export function App() {
  return (
    <AppShell headerActions={<HeaderActions />}>
      <BackgroundSync />
      <Router routes={routes} notFound={(pathname) => <NotFoundPage pathname={pathname} />} />
    </AppShell>
  );
}

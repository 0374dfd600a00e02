import { AppShell } from './app-shell';
import { NotFoundPage } from './not-found-page';
import { Router } from './router';
import { routes } from './routes';
import { HeaderActions } from './slots';

export function App() {
  return (
    <AppShell headerActions={<HeaderActions />}>
      <Router routes={routes} notFound={(pathname) => <NotFoundPage pathname={pathname} />} />
    </AppShell>
  );
}

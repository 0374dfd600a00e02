import { useQuery } from '@tanstack/react-query';
import { ProjectList } from '../features/browse/components/project-list';
import { WelcomeScreen } from '../features/welcome/components/welcome-screen';
import { projectQueries } from '../store/queries';
import { useStore } from '../store/store-context';
import { ErrorState } from '../ui/error-state';
import { LoadingState } from '../ui/spinner';
import { WelcomeStart } from './slots';
import { MAIN_CONTENT_ID } from './app-shell';

/** `/`: the welcome screen on an empty store, else the list of projects. */
export function HomePage() {
  const store = useStore();
  const projects = useQuery(projectQueries.list(store));

  if (projects.isPending) return <LoadingState label="Opening store…" />;
  if (projects.isError) return <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />;

  return (
    <main id={MAIN_CONTENT_ID} tabIndex={-1} className="min-w-0 flex-1 overflow-y-auto">
      {projects.data.length === 0 ? (
        <WelcomeScreen storeLabel={store.label} start={<WelcomeStart />} />
      ) : (
        <ProjectList projects={projects.data} />
      )}
    </main>
  );
}

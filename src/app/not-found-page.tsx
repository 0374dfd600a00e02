import { buttonClasses } from '../ui/button';
import { EmptyState } from '../ui/empty-state';
import { hrefs } from '../ui/hrefs';
import { Link } from '../ui/navigation';
import { MAIN_CONTENT_ID } from './app-shell';

export function NotFoundPage({ pathname }: { pathname: string }) {
  return (
    <main id={MAIN_CONTENT_ID} tabIndex={-1} className="flex-1">
      <EmptyState
        title="Page not found"
        description={
          <>
            Nothing lives at <code className="font-mono">{pathname}</code>.
          </>
        }
        actions={
          <Link to={hrefs.home()} className={buttonClasses('secondary', 'sm')}>
            Go to projects
          </Link>
        }
      />
    </main>
  );
}

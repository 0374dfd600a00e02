import { buttonClasses } from '../ui/button';
import { EmptyState } from '../ui/empty-state';
import { hrefs } from '../ui/hrefs';
import { Link } from '../ui/navigation';

export function NotFoundPage({ pathname }: { pathname: string }) {
  return (
    <main className="flex-1">
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

import type { ArtifactVersion } from '../../../domain/types';
import { Button, buttonClasses } from '../../../ui/button';
import { hrefs } from '../../../ui/hrefs';
import { Link, navigate, useLocation, withSearchParam } from '../../../ui/navigation';

/** URL search param holding the version picked as side A on the artifact page. */
export const COMPARE_FROM_PARAM = 'compareFrom';

type CompareRowActionProps = { project: string; version: ArtifactVersion };

/**
 * Picks two versions from the versions table: "Compare…" on one row marks it as A (kept in the
 * URL), then "Compare with A" on another opens the comparison. No state shared with the table.
 */
export function CompareRowAction({ project, version }: CompareRowActionProps) {
  const location = useLocation();
  const from = location.searchParams.get(COMPARE_FROM_PARAM);
  const setFrom = (id: string | null) => navigate(withSearchParam(location.href, COMPARE_FROM_PARAM, id), { replace: true });

  if (from === null) {
    return (
      <Button size="sm" variant="ghost" aria-label={`Compare v${version.index} with…`} onClick={() => setFrom(version.id)}>
        Compare…
      </Button>
    );
  }
  if (from === version.id) {
    return (
      <Button size="sm" variant="ghost" aria-label={`Cancel comparing v${version.index}`} onClick={() => setFrom(null)}>
        Picked as A ✕
      </Button>
    );
  }
  return (
    <Link to={hrefs.compare(project, from, version.id)} className={buttonClasses('secondary', 'sm')} aria-label={`Compare with v${version.index}`}>
      Compare as B
    </Link>
  );
}

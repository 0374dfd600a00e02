import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { artifactIdOf } from '../../../domain/types';
import { versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import { Button, buttonClasses } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import { hrefs } from '../../../ui/hrefs';
import { Link } from '../../../ui/navigation';
import { VersionPicker } from './version-picker';

type CompareWithActionProps = { project: string; artifact: string; versionRef: string };

/** "Compare with…" on a version page: any version of the project, the previous one by default. */
export function CompareWithAction({ project, artifact, versionRef }: CompareWithActionProps) {
  const store = useStore();
  const artifactId = artifactIdOf(project, artifact);
  const current = useQuery(versionQueries.resolve(store, artifactId, versionRef));
  const versions = useQuery(versionQueries.list(store, artifactId));
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<string | null>(null);

  const self = current.data;
  if (!self) return null;
  // Newest first: the previous version is the first with a lower index; else the next one.
  const others = (versions.data ?? []).filter((v) => v.id !== self.id);
  const fallback = others.find((v) => v.index < self.index) ?? others.at(-1) ?? null;
  const base = choice ?? fallback?.id ?? null;

  return (
    <>
      <Button onClick={() => setOpen(true)}>Compare with…</Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Compare ${artifact}:v${self.index} with…`}
        description="The chosen version is side A, this one side B. Any version of the project works."
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            {base && (
              <Link to={hrefs.compare(project, base, self.id)} className={buttonClasses('primary', 'md')} onClick={() => setOpen(false)}>
                Compare
              </Link>
            )}
          </>
        }
      >
        <VersionPicker project={project} label="Version A" value={base} onChange={setChoice} />
        {!base && <p className="text-sm text-slate-500 dark:text-slate-400">This artifact has no other version; choose one of another artifact.</p>}
      </Dialog>
    </>
  );
}

/**
 * Mount points for actions that other features add (upload, download, delete …). Features
 * never import each other: a feature exports its component, and it is composed here.
 * Return null where a feature has nothing to show.
 */
import { buttonClasses } from '../ui/button';
import { hrefs } from '../ui/hrefs';
import { Link } from '../ui/navigation';
import { UploadAction } from '../features/upload/components/upload-action';
import { CompareWithAction } from '../features/diff/components/compare-with-action';
import { FolderCheckAction } from '../features/diff/components/folder-check-action';
import { StoreSwitcher } from '../features/backend/components/store-switcher';
import { NewProjectForm } from '../features/browse/components/new-project-form';

/** Right side of the app header, on every page. */
export function HeaderActions() {
  return <StoreSwitcher />;
}

/**
 * On the welcome screen: name a project, then create it empty, or drop a folder (or pick one)
 * to start its first artifact's upload draft; the commit creates the project.
 */
export function WelcomeStart() {
  return (
    <NewProjectForm initialName="my-project" submitLabel="Create empty project" renderActions={(project) => <UploadAction project={project} />} />
  );
}

/** Top right of the project overview (e.g. "Upload" to a new artifact). */
export function ProjectActions({ project }: { project: string }) {
  return (
    <>
      <Link to={hrefs.lineage(project)} className={buttonClasses('secondary', 'md')}>
        Lineage
      </Link>
      <UploadAction project={project} />
    </>
  );
}

/** Top right of an artifact page (e.g. "Upload new version"). */
export function ArtifactActions({ project, artifact }: { project: string; artifact: string }) {
  return <UploadAction project={project} artifact={artifact} />;
}

/** Top right of a version page (e.g. "New version from this", "Download"). */
export function VersionActions({ project, artifact, versionRef }: { project: string; artifact: string; versionRef: string }) {
  return (
    <>
      <CompareWithAction project={project} artifact={artifact} versionRef={versionRef} />
      <FolderCheckAction project={project} artifact={artifact} versionRef={versionRef} />
      {/* Also makes the page a drop target: a drop starts the artifact's next version. */}
      <UploadAction project={project} artifact={artifact} openLabel="Upload new version" />
    </>
  );
}

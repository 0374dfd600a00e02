import type { ArtifactVersion } from '../../domain/types';
import type { ArtifactStore } from '../../store/artifact-store';
import type { CommandContext } from '../context';
import { parseArtifactRef } from '../refs';

/** The version `text` names (`[project/]artifact[:ref]`, `latest` when no ref); not-found errors name what is missing. */
export async function resolveRef(store: ArtifactStore, context: CommandContext, text: string): Promise<ArtifactVersion> {
  const ref = parseArtifactRef(text, context.project);
  await store.getArtifact(ref.artifactId);
  return store.resolveVersion(ref.artifactId, ref.ref ?? 'latest');
}

import { AppError } from '../../domain/errors';
import type { ArtifactVersion } from '../../domain/types';
import type { ArtifactStore } from '../../store/artifact-store';
import type { CommandContext } from '../context';
import { parseArtifactRef } from '../refs';

/** The version `text` names (`[project/]artifact[:ref]`, `latest` when no ref); not-found errors name what is missing. */
export async function resolveRef(store: ArtifactStore, context: CommandContext, text: string): Promise<ArtifactVersion> {
  const ref = parseArtifactRef(text, context.project);
  try {
    return await store.resolveVersion(ref.artifactId, ref.ref ?? 'latest');
  } catch (error) {
    // Read the artifact only now (one more round of reads): a missing artifact is named as such.
    if (error instanceof AppError && error.code === 'not-found') await store.getArtifact(ref.artifactId);
    throw error;
  }
}

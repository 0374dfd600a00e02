/** `[project/]artifact[:ref]` as the CLI takes it, checked with the domain's name rules. */
import { AppError } from '../domain/errors';
import { validateArtifactName, validateProjectName } from '../domain/validation';
import type { ArtifactId } from '../domain/types';
import { artifactIdOf } from '../domain/types';
import type { Env } from '../store/node/store-spec';

export const DEFAULT_PROJECT = 'uncategorized';

export interface ArtifactRef {
  readonly project: string;
  readonly artifactName: string;
  readonly artifactId: ArtifactId;
  /** `vN`, `latest` or an alias; null when the text named none. */
  readonly ref: string | null;
}

/** The project of names given without one: ARTIFACT_STUDIO_PROJECT, else "uncategorized". */
export function defaultProject(env: Env): string {
  const project = env['ARTIFACT_STUDIO_PROJECT']?.trim();
  return project ? validateProjectName(project) : DEFAULT_PROJECT;
}

export function parseArtifactRef(text: string, project: string): ArtifactRef {
  const match = /^(?:([^/:]+)\/)?([^/:]+)(?::(.+))?$/.exec(text.trim());
  if (!match?.[2]) {
    throw new AppError('invalid-name', `${JSON.stringify(text)} is not an artifact reference (write [project/]artifact[:version], e.g. animals:latest or cv/animals:v1)`);
  }
  const projectName = validateProjectName(match[1] ?? project);
  const artifactName = validateArtifactName(match[2]);
  return { project: projectName, artifactName, artifactId: artifactIdOf(projectName, artifactName), ref: match[3] ?? null };
}

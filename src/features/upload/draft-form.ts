import { toAppError } from '../../domain/errors';
import type { JsonObject, RunId, VersionId } from '../../domain/types';
import {
  validateAliases,
  validateArtifactName,
  validateArtifactType,
  parseConfigText,
  parseMetadataText,
  validateDescription,
  validateJobType,
  validateRunName,
  validateTags,
} from '../../domain/validation';
import type { RunDraft } from './commit-draft';

export type RunChoice = 'none' | 'new' | 'existing';

/** The draft dialog's inputs as typed (lists comma-separated, JSON as text). */
export interface DraftFormFields {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly metadata: string;
  readonly tags: string;
  readonly aliases: string;
  /** No producing run, a new one recorded with the version, or one already recorded (`runId`). */
  readonly runChoice: RunChoice;
  readonly runId: string;
  readonly runName: string;
  readonly jobType: string;
  readonly config: string;
  readonly inputs: readonly VersionId[];
}

export type DraftFormErrors = Partial<Record<keyof DraftFormFields, string>>;

export interface DraftFormValues {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly metadata: JsonObject;
  readonly tags: string[];
  readonly aliases: string[];
  readonly run: RunDraft | null;
}

export const emptyDraftForm: DraftFormFields = {
  name: '',
  type: 'dataset',
  description: '',
  metadata: '',
  tags: '',
  aliases: '',
  runChoice: 'none',
  runId: '',
  runName: '',
  jobType: 'upload',
  config: '',
  inputs: [],
};

/** "a, b ,,c" → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * Validates every field with the domain rules; `existingType` is the type of the artifact
 * that already has this name (a new version must keep it), null for a new artifact.
 * Returns the cleaned values when all fields are valid, and one message per invalid field.
 */
export function validateDraftForm(
  fields: DraftFormFields,
  existingType: string | null,
): { values: DraftFormValues | null; errors: DraftFormErrors } {
  const errors: DraftFormErrors = {};
  function check<T>(field: keyof DraftFormFields, run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      errors[field] = toAppError(error).message;
      return undefined;
    }
  }
  const name = check('name', () => validateArtifactName(fields.name));
  const type = check('type', () => {
    const cleaned = validateArtifactType(fields.type);
    if (existingType !== null && cleaned !== existingType) {
      throw new Error(`artifact "${fields.name}" already has type "${existingType}"; a new version must keep it`);
    }
    return cleaned;
  });
  const description = check('description', () => validateDescription(fields.description));
  const metadata = check('metadata', () => parseMetadataText(fields.metadata));
  const tags = check('tags', () => validateTags(splitList(fields.tags)));
  const aliases = check('aliases', () => validateAliases(splitList(fields.aliases)));
  let run: RunDraft | null = null;
  if (fields.runChoice === 'existing') {
    const runId = check('runId', () => {
      if (fields.runId === '') throw new Error('pick the run that produced this version');
      return fields.runId as RunId;
    });
    if (runId !== undefined) run = { runId };
  } else if (fields.runChoice === 'new') {
    const runName = check('runName', () => validateRunName(fields.runName));
    const jobType = check('jobType', () => validateJobType(fields.jobType));
    const config = check('config', () => parseConfigText(fields.config));
    if (runName !== undefined && jobType !== undefined && config !== undefined) {
      run = { name: runName, jobType, config, inputs: fields.inputs };
    }
  }
  if (
    Object.keys(errors).length > 0 ||
    name === undefined ||
    type === undefined ||
    description === undefined ||
    metadata === undefined ||
    tags === undefined ||
    aliases === undefined
  ) {
    return { values: null, errors };
  }
  return { values: { name, type, description, metadata, tags, aliases, run }, errors };
}

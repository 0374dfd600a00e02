import { describe, expect, it } from 'vitest';
import type { VersionId } from '../../domain/types';
import { emptyDraftForm, splitList, validateDraftForm } from './draft-form';
import type { DraftFormFields } from './draft-form';

const form = (patch: Partial<DraftFormFields>): DraftFormFields => ({ ...emptyDraftForm, name: 'mnist', ...patch });

describe('draft form validation', () => {
  it('cleans a valid form', () => {
    const { values, errors } = validateDraftForm(
      form({ metadata: '{"rows": 3, "x": null}', tags: 'raw, raw , split a', aliases: 'best, prod' }),
      null,
    );
    expect(errors).toEqual({});
    expect(values).toEqual({
      name: 'mnist',
      type: 'dataset',
      description: '',
      metadata: { rows: 3, x: null },
      tags: ['raw', 'split a'],
      aliases: ['best', 'prod'],
      run: null,
    });
  });

  const invalid: { name: string; patch: Partial<DraftFormFields>; existingType?: string; field: keyof DraftFormFields; message: RegExp }[] = [
    { name: 'an artifact name with a space', patch: { name: 'my data' }, field: 'name', message: /"my data"/ },
    { name: 'an empty name', patch: { name: '' }, field: 'name', message: /artifact name/ },
    { name: 'a reserved type', patch: { type: 'job' }, field: 'type', message: /reserved/ },
    { name: 'another type than the artifact has', patch: { type: 'model' }, existingType: 'dataset', field: 'type', message: /already has type "dataset"/ },
    { name: 'metadata that is not JSON', patch: { metadata: '{rows: 3}' }, field: 'metadata', message: /metadata is not valid JSON/ },
    { name: 'metadata that is an array', patch: { metadata: '[1]' }, field: 'metadata', message: /metadata/ },
    { name: 'the alias latest', patch: { aliases: 'best, latest' }, field: 'aliases', message: /"latest" is managed automatically/ },
    { name: 'an alias like v3', patch: { aliases: 'v3' }, field: 'aliases', message: /"v3" is reserved/ },
    { name: 'a tag with a slash', patch: { tags: 'a/b' }, field: 'tags', message: /"a\/b"/ },
    { name: 'a run without a name', patch: { runChoice: 'new', runName: '' }, field: 'runName', message: /run name/ },
    { name: 'an existing run not picked', patch: { runChoice: 'existing', runId: '' }, field: 'runId', message: /pick the run that produced this version/ },
    { name: 'run config that is not JSON', patch: { runChoice: 'new', runName: 'r', config: 'x' }, field: 'config', message: /config is not valid JSON/ },
  ];
  it.each(invalid)('refuses $name', ({ patch, existingType, field, message }) => {
    const { values, errors } = validateDraftForm(form(patch), existingType ?? null);
    expect(values).toBeNull();
    expect(errors[field]).toMatch(message);
  });

  it('includes the producing run when asked', () => {
    const inputs = ['p/raw:v0' as VersionId];
    const { values } = validateDraftForm(form({ runChoice: 'new', runName: 'prep-1', jobType: 'preprocess', config: '{"lr": 0.1}', inputs }), null);
    expect(values?.run).toEqual({ name: 'prep-1', jobType: 'preprocess', config: { lr: 0.1 }, inputs });
  });

  it('names an existing run as the producer, ignoring the new-run fields', () => {
    const { values, errors } = validateDraftForm(form({ runChoice: 'existing', runId: 'run-7', runName: '', config: 'not json' }), null);
    expect(errors).toEqual({});
    expect(values?.run).toEqual({ runId: 'run-7' });
  });

  it('has no producing run when none is chosen, whatever the run fields hold', () => {
    expect(validateDraftForm(form({ runChoice: 'none', runId: 'run-7', runName: '' }), null).values?.run).toBeNull();
  });

  it('splits comma-separated lists', () => {
    expect(splitList(' a, b ,, c ')).toEqual(['a', 'b', 'c']);
    expect(splitList('')).toEqual([]);
  });
});

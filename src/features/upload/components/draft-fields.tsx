import type { DraftFormFields } from '../draft-form';
import type { UploadSession } from '../hooks/use-upload-session';
import { Field, inputClass } from './field';

type DraftFieldsProps = { session: UploadSession };

/** Name, type, description, metadata, tags and aliases, validated as the user types. */
export function DraftFields({ session }: DraftFieldsProps) {
  const { fields, setField, form, existing } = session;
  const errors = form.errors;
  // An untouched empty optional field is not an error worth shouting about.
  const shown = (key: keyof DraftFormFields) => (fields[key] === '' && key !== 'name' ? undefined : errors[key]);
  const nameError = fields.name === '' ? 'Give the artifact a name (letters, digits, "_", "-", ".").' : errors.name;

  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="sr-only">Details</legend>
      <div className="grid grid-cols-[3fr_2fr] gap-3">
        <Field
          label="Artifact name"
          error={nameError}
          hint={existing ? `Adds v${existing.nextIndex} to the existing artifact` : 'A new artifact'}
        >
          {(ids) => (
            <input {...ids} className={inputClass} value={fields.name} autoComplete="off" spellCheck={false} onChange={(e) => setField('name', e.target.value)} />
          )}
        </Field>
        <Field label="Type" error={errors.type}>
          {(ids) => (
            <input
              {...ids}
              className={inputClass}
              value={fields.type}
              placeholder={existing?.type ?? 'dataset'}
              onChange={(e) => setField('type', e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label="Description (Markdown)" error={shown('description')}>
        {(ids) => (
          <textarea {...ids} rows={3} className={inputClass} value={fields.description} onChange={(e) => setField('description', e.target.value)} />
        )}
      </Field>
      <Field label="Metadata (JSON object)" error={shown('metadata')} hint='e.g. {"rows": 60000, "source": "kaggle"}'>
        {(ids) => (
          <textarea
            {...ids}
            rows={3}
            spellCheck={false}
            className={`${inputClass} font-mono text-xs`}
            value={fields.metadata}
            onChange={(e) => setField('metadata', e.target.value)}
          />
        )}
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Tags" error={shown('tags')} hint="comma-separated">
          {(ids) => <input {...ids} className={inputClass} value={fields.tags} onChange={(e) => setField('tags', e.target.value)} />}
        </Field>
        <Field label="Aliases" error={shown('aliases')} hint="comma-separated; latest is automatic">
          {(ids) => <input {...ids} className={inputClass} value={fields.aliases} onChange={(e) => setField('aliases', e.target.value)} />}
        </Field>
      </div>
    </fieldset>
  );
}

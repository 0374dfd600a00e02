import { useState } from 'react';
import type { ReactNode } from 'react';
import { toAppError } from '../../../domain/errors';
import type { ArtifactVersion } from '../../../domain/types';
import { stringifyExactJson } from '../../../domain/exact-json';
import { parseMetadataText, validateDescription, validateTags } from '../../../domain/validation';
import { Button } from '../../../ui/button';
import { Chip } from '../../../ui/chip';
import { JsonView } from '../../../ui/json-view';
import { MarkdownView } from '../../../ui/markdown-view';
import { PanelBoundary } from '../../../ui/panel-boundary';
import { useUpdateVersion } from '../use-update-version';

type EditorProps = { version: ArtifactVersion };

const none = <span className="text-slate-500 dark:text-slate-400">—</span>;
const field = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';

/** A value with an Edit button that turns into a form; Save validates, shows refusals inline. */
function Editable({
  label,
  view,
  form,
  onSave,
  onStart,
  saving,
}: {
  label: string;
  view: ReactNode;
  form: ReactNode;
  onSave: () => Promise<void>;
  onStart: () => void;
  saving: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      await onSave();
      setEditing(false);
      setError(null);
    } catch (caught) {
      setError(toAppError(caught).message);
    }
  };
  if (!editing) {
    return (
      <div className="group flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <PanelBoundary what={`the ${label}`}>
            {view}
          </PanelBoundary>
        </div>
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Edit ${label}`}
          onClick={() => {
            onStart();
            setEditing(true);
          }}
        >
          Edit
        </Button>
      </div>
    );
  }
  return (
    <form
      aria-label={`Edit ${label}`}
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {form}
      {error && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <Button size="sm" variant="primary" type="submit" loading={saving}>
          Save
        </Button>
        <Button
          size="sm"
          onClick={() => {
            setEditing(false);
            setError(null);
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function DescriptionEditor({ version }: EditorProps) {
  const { save, saving } = useUpdateVersion(version);
  const [draft, setDraft] = useState(version.description);
  return (
    <Editable
      label="description"
      saving={saving}
      onStart={() => setDraft(version.description)}
      onSave={() => save({ description: validateDescription(draft) }, 'description')}
      view={version.description ? <MarkdownView source={version.description} aria-label="Description text" /> : none}
      form={
        <textarea
          aria-label="Description (Markdown)"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          rows={6}
          className={field}
        />
      }
    />
  );
}

export function TagsEditor({ version }: EditorProps) {
  const { save, saving } = useUpdateVersion(version);
  const [draft, setDraft] = useState(version.tags.join(', '));
  const parse = () =>
    validateTags(
      draft
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    );
  return (
    <Editable
      label="tags"
      saving={saving}
      onStart={() => setDraft(version.tags.join(', '))}
      onSave={() => save({ tags: parse() }, 'tags')}
      view={
        version.tags.length === 0 ? (
          none
        ) : (
          <ul aria-label="Tags" className="flex flex-wrap gap-1">
            {version.tags.map((tag) => (
              <li key={tag}>
                <Chip>{tag}</Chip>
              </li>
            ))}
          </ul>
        )
      }
      form={
        <input aria-label="Tags (comma-separated)" value={draft} onChange={(event) => setDraft(event.target.value)} className={field} />
      }
    />
  );
}

export function MetadataEditor({ version }: EditorProps) {
  const { save, saving } = useUpdateVersion(version);
  const [draft, setDraft] = useState(() => stringifyExactJson(version.metadata, 2));
  const parse = () => parseMetadataText(draft);
  const keys = Object.keys(version.metadata).length;
  return (
    <Editable
      label="metadata"
      saving={saving}
      onStart={() => setDraft(stringifyExactJson(version.metadata, 2))}
      onSave={() => save({ metadata: parse() }, 'metadata')}
      view={keys > 0 ? <JsonView text={stringifyExactJson(version.metadata, 2)} className="max-h-96" /> : none}
      form={
        <textarea
          aria-label="Metadata (JSON)"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          rows={12}
          spellCheck={false}
          className={`${field} font-mono text-xs`}
        />
      }
    />
  );
}

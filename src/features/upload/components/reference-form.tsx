import { useState } from 'react';
import { addReferences } from '../../../domain/draft';
import { isHttpUri, isUnchecksummedReference, parseReferenceList, referenceEntry } from '../../../domain/draft-references';
import { toAppError } from '../../../domain/errors';
import { Button } from '../../../ui/button';
import type { UploadSession } from '../hooks/use-upload-session';
import { headReference } from '../reference-head';
import { inputClass } from './field';

type ReferenceFormProps = { session: UploadSession };

/**
 * Paste s3://, gs:// or https:// URIs, one per line, to add reference entries. Only when the
 * user clicks "Add" does the app send a HEAD request (https only) for ETag and size; no bytes
 * are fetched. Entries without an ETag record their URI as digest, and the form says so.
 */
export function ReferenceForm({ session }: ReferenceFormProps) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  const add = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const references = parseReferenceList(text);
      const heads = await Promise.all(references.map((r) => (isHttpUri(r.uri) ? headReference(r.uri) : Promise.resolve(null))));
      const entries = references.map((r, i) => referenceEntry(r, heads[i] ?? null));
      if (!session.change((d) => addReferences(d, entries))) return;
      const unchecked = entries.filter(isUnchecksummedReference).length;
      setText('');
      setMessage({
        tone: 'ok',
        text:
          `${entries.length} ${entries.length === 1 ? 'reference' : 'references'} added.` +
          (unchecked > 0 ? ` ${unchecked} without an ETag (the server did not give one, CORS hid it, or the scheme cannot be asked from a browser): their URI is recorded as their digest.` : ''),
      });
    } catch (error) {
      setMessage({ tone: 'error', text: toAppError(error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
      <summary className="cursor-pointer text-xs font-medium text-slate-700 dark:text-slate-300">Add references (s3://, gs://, https://)</summary>
      <div className="mt-2 flex flex-col gap-2">
        <textarea
          aria-label="Reference URIs"
          rows={3}
          spellCheck={false}
          placeholder={'s3://bucket/data/train.csv\nhttps://example.com/model.bin'}
          className={`${inputClass} font-mono text-xs`}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="flex items-center gap-2">
          <Button size="sm" loading={busy} disabled={text.trim() === ''} onClick={() => void add()}>
            Add references
          </Button>
          <span className="text-xs text-slate-500 dark:text-slate-400">Bytes stay where they are; only a HEAD request is sent for https.</span>
        </div>
        {message && (
          <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'text-xs text-red-700' : 'text-xs text-slate-600'}>
            {message.text}
          </p>
        )}
      </div>
    </details>
  );
}

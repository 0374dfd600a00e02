import { skipToken, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { addDropped, resolveDraft } from '../../../domain/draft';
import type { Draft } from '../../../domain/draft';
import type { RunId } from '../../../domain/types';
import { artifactQueries, versionQueries } from '../../../store/queries';
import { useStore } from '../../../store/store-context';
import type { PickedFile } from '../../../lib/folder-walk';
import { emptyDraftForm, validateDraftForm } from '../draft-form';
import type { DraftFormFields } from '../draft-form';
import { uploadQueries } from '../queries';
import { useBaseVersion } from './use-base-version';
import { useCommitDraft } from './use-commit-draft';
import { useDraft } from './use-draft';
import { useHashing } from './use-hashing';
import { useStager } from './use-stager';

export type UploadSession = ReturnType<typeof useUploadSession>;

/**
 * Everything one upload needs, from the first drop to the commit: the form, the base version,
 * the draft, hashing, the preview (diff, new bytes, identical version) and the commit.
 * Lives as long as the page's upload action; `close()` abandons the upload and resets it.
 */
export function useUploadSession({ project, artifact, producingRun }: { project: string; artifact?: string; producingRun?: RunId }) {
  const store = useStore();
  const initialFields = useMemo(
    () => ({ ...emptyDraftForm, name: artifact ?? '', type: '', ...(producingRun ? { runChoice: 'existing' as const, runId: producingRun } : {}) }),
    [artifact, producingRun],
  );
  const [isOpen, setOpen] = useState(false);
  const [fields, setFields] = useState<DraftFormFields>(initialFields);
  const artifacts = useQuery(artifactQueries.list(store, project));
  const existing = artifacts.data?.find((a) => a.name === fields.name.trim()) ?? null;
  const baseVersion = useBaseVersion(existing);
  const draft = useDraft(baseVersion.base);
  // Small files are staged as they are hashed; once stored, the bytes kept for them are let go.
  const releaseKept = useRef<(files: readonly Blob[]) => void>(() => undefined);
  const stager = useStager(useCallback((files: readonly Blob[]) => releaseKept.current(files), []));
  const stage = useCallback(
    (file: File, digest: string, bytes: ArrayBuffer | undefined) => {
      if (bytes) stager.current()?.offer({ digest, blob: file, bytes });
    },
    [stager],
  );
  const hashing = useHashing(stage);
  useEffect(() => {
    releaseKept.current = hashing.release;
  }, [hashing.release]);

  const resolved = useMemo(() => resolveDraft(draft.items, (file) => hashing.digests.get(file)), [draft.items, hashing.digests]);
  const baseEntries = baseVersion.base?.entries;
  // Not while hashing: files of a pick are hashed before the draft holds them (see addEarly), and
  // a preview of the draft without them would say "identical to vN" for a moment.
  const ready = !draft.error && resolved.unhashed.length === 0 && hashing.progress === null && !baseVersion.loading && !hashing.error;
  const previewOptions = uploadQueries.preview(store, resolved.entries, baseEntries ?? NO_ENTRIES, stager.isNew);
  const preview = useQuery({ ...previewOptions, queryFn: ready ? previewOptions.queryFn : skipToken });
  const digest = ready ? preview.data?.digest : undefined;
  const identicalOptions = versionQueries.byDigest(store, existing?.id ?? ('' as never), digest ?? '');
  const identical = useQuery({ ...identicalOptions, queryFn: existing && digest ? identicalOptions.queryFn : skipToken });

  const effectiveFields = { ...fields, type: fields.type.trim() || existing?.type || 'dataset' };
  const form = validateDraftForm(effectiveFields, existing?.type ?? null);

  const reset = useCallback(() => {
    hashing.cancel(true);
    void stager.discard();
    draft.reset();
    setFields(initialFields);
    baseVersion.choose(null);
    setOpen(false);
  }, [hashing, stager, draft, initialFields, baseVersion]);
  const commit = useCommitDraft(reset, stager.current);

  const add = useCallback(
    (picked: readonly PickedFile[]) => {
      setOpen(true);
      if (picked.length === 0) return;
      if (draft.update((d) => addDropped(d, picked))) hashing.hash(picked.map((p) => ({ file: p.file, name: p.dropPath })));
    },
    [draft, hashing],
  );
  /** Part of a pick whose sizes are known while the rest are still read: hashing starts at once (`add` follows with all of it). */
  const addEarly = useCallback(
    (slice: readonly PickedFile[]) => {
      setOpen(true);
      hashing.hash(slice.map((p) => ({ file: p.file, name: p.dropPath })));
    },
    [hashing],
  );
  const change = useCallback((fn: (d: Draft<File>) => Draft<File>) => draft.update(fn), [draft]);
  const retryHashing = useCallback(() => {
    hashing.hash(resolved.unhashed.flatMap((item) => (item.origin === 'file' ? [{ file: item.file, name: item.path }] : [])));
  }, [hashing, resolved.unhashed]);

  const close = useCallback(() => {
    commit.cancel();
    commit.reset();
    reset();
  }, [commit, reset]);
  const chooseBase = useCallback(
    (index: number) => {
      baseVersion.choose(index);
      draft.update((d) => ({ ...d, removed: new Set() }));
    },
    [baseVersion, draft],
  );

  const submit = useCallback(() => {
    const values = form.values;
    if (!values || !ready) return;
    const blobs = new Map<string, Blob>();
    const bytes = new Map<string, ArrayBuffer>();
    for (const item of draft.items) {
      const d = item.origin === 'file' ? hashing.digests.get(item.file) : undefined;
      if (item.origin !== 'file' || d === undefined || blobs.has(d)) continue;
      blobs.set(d, item.file);
      const read = hashing.bytesOf(item.file);
      if (read) bytes.set(d, read);
    }
    commit.commit({ ...values, artifactName: values.name, project, entries: resolved.entries, blobs, bytes });
  }, [form.values, ready, draft.items, hashing, commit, project, resolved.entries]);

  return {
    project,
    isOpen,
    open: () => setOpen(true),
    close,
    fields,
    setField: <K extends keyof DraftFormFields>(key: K, value: DraftFormFields[K]) => setFields((f) => ({ ...f, [key]: value })),
    form,
    effectiveType: effectiveFields.type,
    existing,
    baseVersion,
    chooseBase,
    draft,
    add,
    addEarly,
    change,
    hashing,
    retryHashing,
    resolved,
    preview: ready ? preview : null,
    identical: existing && digest ? (identical.data ?? null) : null,
    commit,
    submit,
    /** Why storing small files ahead of the commit stopped (storage full, say); the commit writes the rest. */
    stagingFailure: stager.failure,
  };
}

const NO_ENTRIES: readonly never[] = [];

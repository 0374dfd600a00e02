/**
 * Deleting shared immutable objects (blobs, manifests) safely while other clients commit.
 *
 * A commit checks that its blobs exist (HEAD) and then creates its version record; a delete
 * that ran in between could remove a blob the new version references. There is no
 * transaction to prevent that, so deleters and committers follow a small protocol:
 *   deleter:   1. find the candidates no live version references
 *              2. write a deletion note naming them (deletions/<time>-<rand>.json)
 *              3. scan the references again, 4. delete what is still unreferenced
 *   committer: after creating its version record, read the notes written since it started
 *              and re-check the blobs and manifest they name
 * Either the committer sees the note (and re-checks, and backs out or rewrites the manifest),
 * or its record was created before the note was written, so the deleter's second scan sees
 * the record and keeps the objects. Needs read-after-write consistent LIST, which S3, R2 and
 * Ceph RGW provide.
 */
import './zod-jitless';
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import { blobDigestsOf } from '../manifest-chunks';
import { parseDoc, S3_SCHEMA_VERSION } from './s3-records';
import type { MaintenanceContext } from './s3-context';
import { mapLimit, randomHex } from './s3-util';

/** Notes are read from this long before a commit started, to absorb clock differences between clients. */
const NOTE_MARGIN_MS = 15 * 60 * 1000;
/** Notes older than this (by the store's clock) are removed by garbage collection. */
export const NOTE_LIFETIME_MS = 60 * 60 * 1000;

const deletionNote = z.looseObject({
  schemaVersion: z.number().int().min(1),
  at: z.number(),
  blobs: z.array(z.string()),
  manifests: z.array(z.string()),
});

export interface References {
  /** Digests of the blobs live versions reference. */
  blobs: Set<string>;
  /** Artifact digests (manifest keys) of the live versions. */
  liveDigests: Set<string>;
}

/** What every live version in the bucket references; refuses to answer when a manifest is unreadable. */
export async function scanReferences(store: MaintenanceContext): Promise<References> {
  const states = await store.catalog.allStates();
  const liveDigests = new Set(states.flatMap((s) => s.live.map((r) => r.digest)));
  const manifests = await store.catalog.manifestsOf([...liveDigests]);
  const blobs = new Set<string>();
  for (const [digest, entries] of manifests) {
    if (entries === null) {
      throw new AppError('internal', `manifest ${digest} is unreadable, so nothing was deleted (a referenced blob might have been); run an integrity check`);
    }
    for (const d of blobDigestsOf(entries).keys()) blobs.add(d);
  }
  return { blobs, liveDigests };
}

function noteTime(ms: number): string {
  return String(Math.max(0, Math.floor(ms))).padStart(15, '0');
}

export interface DeletionCandidates {
  /** digest → size */
  blobs: ReadonlyMap<string, number>;
  /** artifact digests */
  manifests: readonly string[];
}

/** Deletes the candidates that no live version references, following the protocol above. */
export async function deleteUnreferenced(
  store: MaintenanceContext,
  candidates: DeletionCandidates,
  first?: References,
): Promise<{ blobs: [string, number][]; manifests: string[] }> {
  const none = { blobs: [], manifests: [] };
  if (candidates.blobs.size === 0 && candidates.manifests.length === 0) return none;
  const before = first ?? (await scanReferences(store));
  const blobs = [...candidates.blobs].filter(([d]) => !before.blobs.has(d));
  const manifests = candidates.manifests.filter((d) => !before.liveDigests.has(d));
  if (blobs.length === 0 && manifests.length === 0) return none;

  const at = Date.now();
  const key = `${store.layout.deletionsPrefix}${noteTime(at)}-${randomHex(6)}.json`;
  await store.client.putJson(key, { schemaVersion: S3_SCHEMA_VERSION, at, blobs: blobs.map(([d]) => d), manifests }, { create: true });

  const after = await scanReferences(store);
  const doomedBlobs = blobs.filter(([d]) => !after.blobs.has(d));
  const doomedManifests = manifests.filter((d) => !after.liveDigests.has(d));
  for (const [digest] of doomedBlobs) store.blobs.forgetBlob(digest);
  await mapLimit(
    [...doomedBlobs.map(([d]) => store.layout.blob(d)), ...doomedManifests.map((d) => store.layout.manifest(d))],
    store.concurrency,
    (k) => store.client.delete(k),
  );
  return { blobs: doomedBlobs, manifests: doomedManifests };
}

/** Blobs and manifests named by deletion notes written since `since` (wall clock, ms). */
export async function deletionsSince(store: MaintenanceContext, since: number): Promise<{ blobs: Set<string>; manifests: Set<string> }> {
  const prefix = store.layout.deletionsPrefix;
  const { objects } = await store.client.list(prefix, { startAfter: `${prefix}${noteTime(since - NOTE_MARGIN_MS)}` });
  const notes = await mapLimit(objects, store.concurrency, async (o) => {
    const text = await store.client.getText(o.key);
    return text === null || text === 'not-modified' ? null : parseDoc(deletionNote, text.text, o.key);
  });
  const blobs = new Set<string>();
  const manifests = new Set<string>();
  for (const note of notes) {
    if (note === null) continue;
    for (const d of note.blobs) blobs.add(d);
    for (const d of note.manifests) manifests.add(d);
  }
  return { blobs, manifests };
}

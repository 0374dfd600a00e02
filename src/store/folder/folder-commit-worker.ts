/**
 * A separate OS process for the multi-process test (folder-processes.test.ts): opens the folder
 * store given on the command line, waits for the common start time, then commits `count`
 * versions of its own content (plus one file every writer shares) to proj/shared, moving its
 * own alias each time. Prints {"writer":…,"indices":[…]} on success.
 *   node worker.mjs <root> <writer> <count> <startAtMs>
 */
import { md5Base64 } from '../../domain/digest';
import { openFolderStore } from './open-folder-store';

const [root, writer, countText, startText] = process.argv.slice(2);
if (root === undefined || writer === undefined || countText === undefined || startText === undefined) {
  console.error('usage: worker.mjs <root> <writer> <count> <startAtMs>');
  process.exit(2);
}
const store = await openFolderStore(root);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startText) - Date.now())));
const encoder = new TextEncoder();
const indices: number[] = [];
for (let i = 0; i < Number(countText); i++) {
  const files = { 'shared.txt': 'the same bytes in every process', 'own.txt': `writer ${writer} commit ${i}` };
  const entries = [];
  const blobs = [];
  for (const [path, content] of Object.entries(files)) {
    const bytes = encoder.encode(content);
    const digest = await md5Base64(bytes);
    entries.push({ path, digest, size: bytes.length });
    blobs.push({ digest, blob: new Blob([bytes]) });
  }
  await store.putBlobs(blobs);
  const { version } = await store.commitVersion({ project: 'proj', artifactName: 'shared', type: 'dataset', entries, aliases: [`w${writer}`] });
  indices.push(version.index);
}
store.close();
console.log(JSON.stringify({ writer: Number(writer), indices }));

/**
 * The CLI tests run the REAL bundled CLI (dist-cli/, what `npm install` builds and `npm pack`
 * ships). Vitest's global setup rebuilds it when any source it bundles is newer than the bundle,
 * so a test never runs an old build.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CLI_BIN = join(import.meta.dirname, '../../bin/artifact-studio.mjs');
const BUNDLE = join(import.meta.dirname, '../../dist-cli/cli.mjs');
const SOURCES = ['src/cli', 'src/sdk', 'src/store', 'src/domain'].map((dir) => join(import.meta.dirname, '../..', dir));

function newestSource(): number {
  let newest = 0;
  for (const dir of SOURCES) {
    let names: string[];
    try {
      names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const name of names) if (name.endsWith('.ts')) newest = Math.max(newest, statSync(join(dir, name)).mtimeMs);
  }
  return newest;
}

export function ensureBuiltCli(): void {
  let built = 0;
  try {
    built = statSync(BUNDLE).mtimeMs;
  } catch {
    // not built yet
  }
  if (built >= newestSource()) return;
  const result = spawnSync('npx', ['vite', 'build', '-c', 'vite.cli.config.ts'], { cwd: join(import.meta.dirname, '../..'), stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the CLI (vite build -c vite.cli.config.ts) failed');
}

/** Vitest global setup. */
export default function setup(): void {
  ensureBuiltCli();
}

#!/usr/bin/env node
// The artifact-studio command: the CLI bundled by `vite build -c vite.cli.config.ts` (npm's prepare step).
import { existsSync } from 'node:fs';

const entry = new URL('../dist-cli/cli.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('artifact-studio is not built: run `npm run build:cli` (npm install runs it) in the artifact-studio folder\n');
  process.exit(1);
}
await import(entry.href);

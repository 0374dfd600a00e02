/**
 * The Node build of the CLI and the SDK (Node cannot run the TypeScript sources): an SSR build
 * into dist-cli/, every dependency bundled in so the packed tarball runs on its own. Commands
 * are separate chunks loaded when they run, which keeps `--help` and `ls` start-up small.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from 'vite';

const entries: Record<string, string> = { cli: 'src/cli/index.ts' };
if (existsSync('src/sdk/index.ts')) entries['sdk'] = 'src/sdk/index.ts';

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: true,
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: entries,
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
});

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import checkFile from 'eslint-plugin-check-file';
import globals from 'globals';
import { readdirSync } from 'node:fs';

// Every folder under src/features, read from disk so the rule below never names a feature that
// does not exist nor misses a new one.
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', '.e2e-dist', '.ceph', '.test-reports', 'node_modules', 'test-results', 'playwright-report', 'bench/.tmp', 'bench/.run-*', 'scripts/*.sh'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX, 'check-file': checkFile },
    // Without a resolver that knows .ts/.tsx, import-x cannot resolve our imports and the layering
    // zones below silently match nothing.
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.d.ts'] })] },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'check-file/filename-naming-convention': [
        'error',
        { 'src/**/*.{ts,tsx}': 'KEBAB_CASE', 'e2e/**/*.ts': 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': ['error', { 'src/**/': 'KEBAB_CASE' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // domain is pure: it imports nothing from the app
            { target: './src/domain', from: ['./src/store', './src/features', './src/ui', './src/app', './src/workers', './src/lib'] },
            // lib holds what several features share (folder walking, virtual rows, dates): it may
            // build on domain, never on the app, a feature or the store
            { target: './src/lib', from: ['./src/store', './src/features', './src/ui', './src/app', './src/workers', './src/cli', './src/sdk'] },
            { target: './src/store', from: ['./src/features', './src/ui', './src/app'] },
            // the CLI and the SDK run in Node on the shared store and domain rules, never on the app
            { target: './src/cli', from: ['./src/features', './src/ui', './src/app', './src/workers', './src/sdk', './src/lib'] },
            { target: './src/sdk', from: ['./src/features', './src/ui', './src/app', './src/workers', './src/cli', './src/lib'] },
            { target: './src/ui', from: ['./src/features', './src/app', './src/store', './src/domain'] },
            // features never import each other: compose them in src/app
            ...features.map((f) => ({
              target: `./src/features/${f}`,
              from: './src/features',
              except: [`./${f}`],
            })),
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'idb', '@tanstack/*', '@xyflow/*'], message: 'domain, the ingest core, the CLI and the SDK are framework-free' },
          ],
        },
      ],
    },
  },
  {
    // the restriction above applies only to src/domain, src/store/ingest, src/store/node, src/cli and src/sdk; everything else may use React & co.
    files: ['src/app/**', 'src/features/**', 'src/ui/**', 'src/lib/**', 'src/store/*.{ts,tsx}', 'src/store/record/**', 'src/store/idb/**', 'src/store/s3/**', 'src/store/folder/**', 'src/workers/**', 'src/test/**', 'e2e/**', 'bench/**', '*.ts', '*.js'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // No import cycles in the source: each file can be read knowing only what it imports.
    files: ['src/**/*.{ts,tsx}'],
    // import-x parses each imported file to follow its imports; without a TypeScript parser for
    // .ts/.tsx it fails on the first type annotation and silently finds no cycle.
    settings: { 'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] } },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);

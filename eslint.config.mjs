// @ts-check
// The lint CI runs (`npm run lint`): the recommended rules of ESLint, typescript-eslint and eslint-plugin-astro,
// and the layering of the codebase, which points one way: pages → server → lib, islands → lib.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Where each layer lives; a zone lists what its target may not import. */
const above = {
  pages: ['./src/pages', './src/layouts', './src/components', './src/middleware', './src/actions'],
  islands: './src/islands',
  server: './src/server',
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.astro/',
      '.data/',
      'node_modules/',
      'public/*',
      '!public/embed.js',
      'test-results/',
      'lighthouse-reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver()] },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/lib',
              from: [...above.pages, above.islands, above.server],
              message: 'src/lib is pure: it imports nothing from the layers above it.',
            },
            {
              target: './src/islands',
              from: [...above.pages, above.server],
              message: 'Islands run in the browser: they import src/lib and src/i18n only.',
            },
            {
              target: './src/server',
              from: [...above.pages, above.islands],
              message: 'Server code is called by pages: it imports neither pages nor islands.',
            },
            {
              target: './src/server/db',
              from: './src/server',
              except: ['./db', './project-root.ts', './log.ts', './explain-fault.ts'],
              message: 'The database layer imports no domain module.',
            },
            {
              target: './src/pages',
              from: './src/server/db',
              message: 'Pages call a server function; they do not query the database themselves.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON documents whose shape is what they check.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);

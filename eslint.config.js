// ESLint (flat config): unused code, type-only imports and import cycles, over the TypeScript sources, the tests
// and the Node scripts. Not type-aware, to stay quick; `npm run typecheck` is the type check.
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const TS = ['src/**/*.ts', 'rules/**/*.ts', 'test/**/*.ts', '*.config.ts'];
const JS = ['**/*.js', '**/*.mjs', '**/*.cjs'];

export default defineConfig(
  globalIgnores(['dist/', 'reports/', 'bench/out/', 'src/model/generated/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: [...TS, ...JS],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    files: TS,
    rules: {
      // `typeof import('glob')` stays allowed: a module loaded lazily (glob, Handlebars, puppeteer-core, Ajv, the PDF
      // printer) is typed where it is loaded, and a top-level `import type` would read as if it were loaded at start-up.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    // Data flows one way (STYLE.md): no module imports itself back through another. test/architecture/structure.test.ts
    // checks the same for src/ and rules/; this says where, in the editor too.
    files: TS,
    plugins: { 'import-x': importX },
    settings: {
      // import-x parses each imported module itself: without these it sees only .js files and finds no cycle.
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.test.json', alwaysTryTypes: false })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);

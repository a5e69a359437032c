// ESLint for the whole repository: type-aware typescript-eslint everywhere, eslint-plugin-vue for the site.
// Formatting is Prettier's job (eslint-config-prettier turns the stylistic rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['**/dist/', '.tools/', '.data/', 'test/.artifacts/', 'tools/ferretdb/ferretdb']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  vue.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        // Each file is checked against its nearest tsconfig.json (root, backend, frontend, widget).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      // A promise nobody awaits or catches hides its failure; a switch over a union must name every member
      // (or say `default`), so a new status breaks the build instead of falling through silently.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // `const { _id, ...rest } = doc` drops a field on purpose; `_x` marks a parameter an interface requires.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // An `async` method that does not await still turns a throw into a rejection, which callers of a
      // Promise-returning interface (gateways, modules' start/close) rely on.
      '@typescript-eslint/require-await': 'off',
      // `declare global { interface HTMLElementEventMap extends QueuetixEventMap {} }` is how DOM maps are merged.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // Re-raising what was caught (unknown) keeps the original error.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // `== null` covers null and undefined at once; every other comparison is strict.
      eqeqeq: ['error', 'smart'],
      // Optional props are `undefined` by their TypeScript type; a default would only restate it.
      'vue/require-default-prop': 'off',
    },
  },
  {
    // The product logs through pino, structured, errors as { err } (tools print reports to the console).
    files: ['backend/src/**', 'frontend/src/**', 'widget/src/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // Tests, benchmarks and fault runs read untyped JSON replies on purpose (asserting on what the wire carried);
    // typing every reply would restate the contracts they check. The product code keeps the no-unsafe rules.
    files: ['test/**', 'bench/**', 'chaos/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // chai's property assertions: expect(x).to.be.true
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    // Async listeners and timers in tools: an unhandled rejection there fails the run loudly (mocha
    // reports it, a bench or chaos process exits), which is what we want from a tool.
    files: ['test/**', 'bench/**', 'chaos/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }] },
  },
  {
    // Plain JavaScript (configs, build scripts) is in no tsconfig: lint it without type information.
    files: ['**/*.{js,cjs,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);

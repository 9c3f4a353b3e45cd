// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'coverage/**',
      '.data/**',
      'packages/prisma/src/generated/**',
      'packages/api-client/src/schema.ts',
      'bench/results/**',
      // The bench's textbook peer is Nest's documentation code as written (any-typed payloads included): the yardstick, not ours to restyle.
      'bench/peer/**',
      // Copied into a scratch project by the pack-install test, which compiles them there with tsc under its own strict tsconfig.
      'packages/nestjs-stripe-connect/test/scratch-host/**',
    ],
  },
  js.configs.recommended,
  // Type-aware rules: each file is checked with the tsconfig.json nearest to it.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { globals: globals.node, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // An async method that implements a Promise-returning port or override (a store, a guard's getTracker) needs no await;
      // the promise mistakes that matter are floating and misused promises, which stay errors.
      '@typescript-eslint/require-await': 'off',
      // A parameter or binding named with a leading underscore is unused on purpose (a body only validated, a field left out).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    // An answer's JSON body is any (supertest, fetch): the assertions are what check its shape.
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // The demo sign-in page's script (local mode only) runs in the browser.
  { files: ['apps/api-core/dev/public/**/*.js'], languageOptions: { globals: globals.browser } },
  {
    files: ['apps/creator-web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: globals.browser },
  },
  // Plain JavaScript (build scripts, configs): no type information to check against.
  { files: ['**/*.{js,cjs,mjs}'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);

// ESLint with typescript-eslint; also refuses focused and skipped tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noFocusedOrSkipped = [
  'error',
  ...['describe', 'it', 'test'].flatMap((object) =>
    ['only', 'skip'].map((property) => ({
      object,
      property,
      message: 'No focused or skipped tests: every test runs.',
    })),
  ),
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'build/',
      '.devcloud/',
      'miniprogram/miniprogram_npm/',
      'coverage/',
      'screenshots/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['miniprogram/**/*.ts'],
    languageOptions: {
      globals: {
        wx: 'readonly',
        Component: 'readonly',
        Page: 'readonly',
        App: 'readonly',
        getApp: 'readonly',
        getCurrentPages: 'readonly',
        Behavior: 'readonly',
      },
    },
  },
  {
    files: ['tests/**/*.ts', 'tests/**/*.js'],
    languageOptions: { globals: { ...globals.jest, ...globals.browser } },
    rules: {
      'no-restricted-properties': noFocusedOrSkipped,
      'no-restricted-globals': ['error', 'fit', 'fdescribe', 'xit', 'xdescribe', 'xtest'],
    },
  },
);

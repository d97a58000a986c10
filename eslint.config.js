import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import layers from './scripts/eslint-layers.js'

const shared = {
  '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
  '@typescript-eslint/consistent-type-imports': 'error',
  // TypeScript checks names; the plain .js/.mjs scripts are small and run in tests.
  'no-undef': 'off',
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'public/',
      'data/',
      'test-artefacts/',
      'dist/',
      'src/store/migrations/',
      '.tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { rules: shared },
  // The layer rules (domain pure; web and CLI reach the store only through services): scripts/eslint-layers.js.
  { files: ['src/**/*.ts'], plugins: { layers }, rules: { 'layers/boundaries': 'error' } },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date']",
          message: 'No JS Date in the domain: use Temporal.PlainDate.',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'No clock in the domain.',
        },
        {
          selector: "CallExpression[callee.name='parseFloat']",
          message: 'No floats for money in the domain.',
        },
      ],
    },
  },
)

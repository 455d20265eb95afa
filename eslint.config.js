import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', '.data', 'web/dist', 'test-output', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  prettier,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      complexity: ['error', 12],
      'max-depth': ['error', 3],
      'max-params': ['error', 4],
      // A source file a reader takes in at once: 300 lines, blank lines aside. Comments count (they are
      // read, and kept brief), so a file cannot grow by moving its explanation into ever longer prose.
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: false }],
    },
  },
  {
    // A use case takes its ports first (functions/ports): they are its dependencies, not its arguments.
    files: ['functions/usecases/**/*.ts'],
    rules: { 'max-params': ['error', 5] },
  },
  {
    // Exceptions to max-lines, each with its reason. Only data and cases; code over the cap is split.
    files: [
      // A test file is a list of independent cases about one subject, each read on its own.
      'test/**/*.test.ts',
      // The catalog is configuration as data: the org chart and the services' forms, one entry after another.
      'catalog/**/*.ts',
      // Every user-facing message in both locales: a table that grows with the product.
      'web/src/i18n.ts',
      // The table of measured API operations: one entry of the same shape per operation.
      'bench/api-operations.ts',
      // Written by scripts/generate-holidays.ts: its length follows the years it covers.
      'functions/domain/sla/public-holidays.generated.ts',
    ],
    rules: { 'max-lines': 'off' },
  },
  {
    // The domain layer stays free of AWS so it can be tested and reasoned about alone.
    files: ['functions/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', 'aws-lambda', '@aws-lambda-powertools/*', '**/adapters/*'],
              message: 'domain code imports nothing from AWS or adapters',
            },
          ],
        },
      ],
    },
  },
  {
    // Only adapters and the local runtime talk to AWS services.
    files: ['functions/api/**/*.ts', 'functions/shared/**/*.ts', 'catalog/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@aws-sdk/*'], message: 'only functions/adapters and local/ import @aws-sdk' }] },
      ],
    },
  },
);

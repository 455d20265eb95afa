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
    },
  },
  {
    // A use case takes its ports first (functions/ports): they are its dependencies, not its arguments.
    files: ['functions/usecases/**/*.ts'],
    rules: { 'max-params': ['error', 5] },
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

import nx from '@nx/eslint-plugin';

// Modules that do I/O or need a framework. Pure libraries (type:util) may not import them,
// so statistics and schemas stay testable without brokers, databases or Nest.
const ioModules = ['kafkajs', '@clickhouse/client', 'chdb', 'chdb/*', '@nestjs/*', 'express', 'pino', 'pino-http', 'prom-client', 'jose', 'fs', 'node:fs', 'net', 'node:net', 'http', 'node:http', 'child_process', 'node:child_process'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '.data', '**/*.mjs', 'apps/dashboard/**'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: ioModules },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:util', 'type:data-access'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:feature'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:feature'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests may read fixtures from disk even in pure libraries.
    files: ['**/*.test.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];

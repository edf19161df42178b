import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Redis and PostgreSQL are shared; every test file isolates itself with its own
    // queue prefix and database, so files may run in parallel.
    fileParallelism: true,
  },
});

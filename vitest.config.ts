import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: the CLI tests start real processes, and CI machines may have two busy cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most tests wait on Redis, PostgreSQL and queues rather than compute, so more files than
    // cores run at once.
    maxWorkers: 4,
    // Redis and PostgreSQL are shared; every test file isolates itself with its own
    // queue prefix and database, so files may run in parallel.
    fileParallelism: true,
  },
});

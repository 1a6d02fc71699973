import { defineConfig } from 'vitest/config';

// Unit and integration tests. Each test file opens its own database: in-memory PGlite, or a fresh
// database on the PostgreSQL server named by TEST_DATABASE_URL (see tests/support/test-database.ts).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

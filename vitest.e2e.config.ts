import { defineConfig } from 'vitest/config';

// End-to-end tests against the built server (npm run test:e2e builds first) and real Chromium.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});

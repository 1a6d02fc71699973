import { defineConfig } from 'vitest/config';

// End-to-end tests against the built server (npm run test:e2e builds first) and real Chromium.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // expect.poll waits for a state the page reaches once an island has hydrated (a tick handed to React, a
    // count after a search). Vitest's default of 1 s is less than a loaded two-core CI machine can take to load
    // and hydrate an island (measured 3.2–4.3 s at a 20× CPU slowdown, the tick always landing); the wait is for
    // the state, not a speed check, so it is generous.
    expect: { poll: { timeout: 10_000 } },
  },
});

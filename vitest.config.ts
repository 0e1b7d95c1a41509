import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // Timeouts for a loaded 2-core machine: the CLI tests start Node several times per test.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      {
        // `npm run dev` on a copy of the fixture collection, edited while Chromium watches.
        test: {
          name: 'dev',
          include: ['test/dev/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Builds the site from the seeds once, serves dist/ on a free port, and runs the
        // integration and real-Chromium tests against it.
        test: {
          name: 'site',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/site.ts'],
          testTimeout: 60_000,
          // Polls wait for a loaded 2-core machine (a build or benchmark may run beside the tests).
          expect: { poll: { timeout: 15_000 } },
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

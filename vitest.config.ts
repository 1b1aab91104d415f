import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/live/**', 'test/slow/**', 'node_modules/**'],
    // Files in parallel: most of a test's time is waiting on loopback HTTP and child processes,
    // so 3 workers fill 2 cores (vitest's default here would be 1: cores - 1).
    maxWorkers: 3,
    // A worker imports src/, the SDK and zod once for all its files instead of once per file
    // (that import was half the suite's CPU). Each file still builds its own server and sandbox
    // (test/helpers/harness.ts); module-level state is caches keyed by client or schema and the
    // registration jobs, looked up by random id.
    isolate: false,
    // A guard against hangs, not a speed check: on the shared 2-core machine the 10,000-person
    // report alone can take 20 s while other files run beside it.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

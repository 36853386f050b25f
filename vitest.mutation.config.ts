import { defineConfig } from 'vitest/config';

// Mutation testing (npm run mutation) runs the unit tests only: the lab's servers are too slow to
// start for each of thousands of mutants, and every security-core module has unit tests of its own.
export default defineConfig({
  test: {
    allowOnly: false,
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // As the unit project's: a bound for a hung test. Instrumented code runs many times slower,
    // and the real-interpreter tables spawn bash and python3 (through a version manager's shim).
    testTimeout: 30_000,
    // As in the unit project (vitest.config.ts): the shell's wiring tests, which Stryker runs as
    // tests related to the host's guards, need their stand-in for `electron` inside electron-store.
    server: { deps: { inline: ['electron-store'] } },
  },
});

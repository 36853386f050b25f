import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A forgotten `.only` would silently skip the rest of the suite, in CI as anywhere.
    allowOnly: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Through Vite, so that the shell's wiring tests' stand-in for `electron` reaches the
          // `import electron from 'electron'` inside electron-store too.
          server: { deps: { inline: ['electron-store'] } },
          // A bound for a hung test, not a timing: the default 5 s failed tests that start real
          // processes or derive scrypt keys (a private data dir set up in 5.4 s beside other work).
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        // Real OpenSSH, PostgreSQL, MariaDB and OpenLDAP, started once by the lab harness.
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/lab/global-setup.ts'],
          // An SSH round trip of a built-in (nine logins, each a few commands) took 66 s on a 2-CPU
          // machine busy with two integration workers: a bound for a hung test, not a timing.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});

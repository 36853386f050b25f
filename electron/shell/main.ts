/**
 * The Electron shell's entry point (bundled to dist/electron/main.js). Everything it does is in
 * start.ts, which the shell's wiring tests drive against a stand-in of Electron's API.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startShell } from './start';

void startShell(process.argv, dirname(fileURLToPath(import.meta.url)));

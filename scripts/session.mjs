// `npm run session -- start ID | end ID | list | sweep`: build what is stale, then run the session CLI.
import { buildIfStale } from './build.mjs';

await buildIfStale();
// A variable path: the bundle exists only after the build above.
const entry = '../dist/electron/session-cli.js';
await import(entry);

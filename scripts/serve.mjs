// `npm run serve -- [--port N] [--data-dir DIR] [--no-open]`: build what is stale, then run the
// browser host in this process (so Ctrl-C reaches it directly).
import { buildIfStale } from './build.mjs';

await buildIfStale();
// A variable path: the bundle exists only after the build above.
const entry = '../dist/electron/serve.js';
await import(entry);

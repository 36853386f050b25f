// `npm run template -- run --plugin ... FILE`: build what is stale, then run the template CLI.
import { buildIfStale } from './build.mjs';

await buildIfStale();
// A variable path: the bundle exists only after the build above.
const entry = '../dist/electron/template-cli.js';
await import(entry);

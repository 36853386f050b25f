/** The entry point of `npm run session` (bundled as dist/electron/session-cli.js). */
import { runSessionCli } from './session-cli';

runSessionCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

/** A command line the program cannot run: printed with the usage text, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The error an operation records for a failed run: "line 4: <what failed>", then the output tail
 * the plugin kept, each said once. Plugins word their own message too (the SQL engine's reads
 * "Line 4: <statement>: <database message>" and keeps the database message as the tail), so a
 * line prefix already there is not added again, nor a tail the message already holds.
 */
export function runErrorText(
  failure: { readonly line: number | null; readonly message: string; readonly outputTail: string },
  /** Masks each text; what is said twice is decided on the plain texts (two masks look alike). */
  mask: (text: string) => string = (text) => text,
): string {
  const { line, outputTail } = failure;
  const message = line === null ? failure.message : failure.message.replace(linePrefix(line), '');
  const head = line === null ? mask(message) : `line ${line}: ${mask(message)}`;
  const tail = outputTail.trim();
  return tail === '' || message.includes(tail) ? head : `${head}\n${mask(outputTail)}`;
}

const linePrefix = (line: number): RegExp => new RegExp(`^line ${line}:\\s*`, 'i');

import type { SqlToken } from './tokens';

/** One statement: its tokens without the comments and whitespace around it, and no `;`. */
export interface SqlStatement {
  readonly tokens: readonly SqlToken[];
  readonly start: number;
  readonly end: number;
}

const isFiller = (token: SqlToken | undefined): boolean =>
  token?.kind === 'space' || token?.kind === 'comment';

/**
 * Splits at the `;` tokens the tokenizer found outside quotes and comments. A statement that is
 * only comments and whitespace is no statement (nothing is sent for it).
 */
export function splitStatements(tokens: readonly SqlToken[]): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let current: SqlToken[] = [];
  const close = (): void => {
    let first = 0;
    let last = current.length - 1;
    while (first <= last && isFiller(current[first])) first++;
    while (last >= first && isFiller(current[last])) last--;
    const kept = current.slice(first, last + 1);
    const head = kept[0];
    const tail = kept.at(-1);
    if (head !== undefined && tail !== undefined) {
      statements.push({ tokens: kept, start: head.start, end: tail.end });
    }
    current = [];
  };
  for (const token of tokens) {
    if (token.kind === 'separator') close();
    else current.push(token);
  }
  close();
  return statements;
}

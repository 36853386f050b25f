/**
 * Where a text stops being JSON. `JSON.parse` in Node 20 does not always say where (and its
 * message quotes part of the text, which we do not echo), so after a failed parse this small
 * scanner walks the text again and names the line and column of the first error. It is iterative
 * (a stack, no recursion): a deeply nested file cannot overflow the call stack.
 */
export interface JsonErrorPlace {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const escapes = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const hexDigits = /^[0-9a-fA-F]{4}$/;
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const literals = ['true', 'false', 'null'] as const;

export function locateJsonError(text: string): JsonErrorPlace {
  const found = scan(text);
  const offset = found?.offset ?? 0;
  const message = found?.message ?? 'Not valid JSON';
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, message };
}

function scan(text: string): { offset: number; message: string } | undefined {
  const n = text.length;
  const stack: ('{' | '[')[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < n && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const fail = (message: string) => ({ offset: i, message: i >= n ? 'Unexpected end of file' : message });
  /**
   * A string from its opening quote, by a plain loop: a regular expression over a string of some
   * million characters overflows V8's backtracking stack ("Maximum call stack size exceeded").
   * On failure `i` stays at the opening quote (the error is placed at the string's start), or is
   * the end of the text when the string is never closed.
   */
  const readString = (): boolean => {
    let at = i + 1;
    while (at < n) {
      const code = text.charCodeAt(at);
      if (code === 0x22) {
        i = at + 1;
        return true;
      }
      if (code < 0x20) return false;
      if (code === 0x5c) {
        const next = text.charAt(at + 1);
        if (escapes.has(next)) at += 2;
        else if (next === 'u' && hexDigits.test(text.slice(at + 2, at + 6))) at += 6;
        else return false;
      } else {
        at++;
      }
    }
    i = n; // never closed: the file ends inside the string
    return false;
  };
  /** After `{` or `,` inside an object: `"key" :`. */
  const readKey = () => {
    skipSpace();
    if (text.charAt(i) !== '"' || !readString()) return fail('Expected a property name in double quotes');
    skipSpace();
    if (text.charAt(i) !== ':') return fail("Expected ':' after the property name");
    i++;
    return undefined;
  };

  for (;;) {
    // A value is expected here.
    skipSpace();
    const ch = text.charAt(i);
    if (ch === '{' || ch === '[') {
      i++;
      skipSpace();
      if (text.charAt(i) === (ch === '{' ? '}' : ']')) {
        i++;
      } else {
        stack.push(ch);
        if (ch === '{') {
          const problem = readKey();
          if (problem) return problem;
        }
        continue;
      }
    } else if (ch === '"') {
      if (!readString()) return fail('Invalid string (unescaped control character or bad escape)');
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      numberPattern.lastIndex = i;
      if (!numberPattern.test(text)) return fail('Invalid number');
      i = numberPattern.lastIndex;
    } else {
      const literal = literals.find((l) => text.startsWith(l, i));
      if (literal === undefined) return fail(`Unexpected character ${JSON.stringify(ch)}`);
      i += literal.length;
    }

    // After a value: close containers, or a comma and the next value.
    for (;;) {
      skipSpace();
      const top = stack.at(-1);
      if (top === undefined)
        return i < n ? fail('Unexpected text after the end of the JSON value') : undefined;
      const next = text.charAt(i);
      if (next === (top === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        continue;
      }
      if (next !== ',') return fail(top === '{' ? "Expected ',' or '}'" : "Expected ',' or ']'");
      i++;
      if (top === '{') {
        const problem = readKey();
        if (problem) return problem;
      }
      break;
    }
  }
}

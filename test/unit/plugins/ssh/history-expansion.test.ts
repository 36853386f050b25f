import { describe, expect, it } from 'vitest';
import {
  expandedBangs,
  startsQuickSubstitution,
} from '../../../../electron/plugins/ssh/template/history-expansion';
import { doubleQuotedBody, singleQuotedBody } from '../../../../electron/plugins/ssh/template/shell-quote';

// The readers of history-expansion.ts and the bodies of shell-quote.ts, figure by figure: a wrong
// index here lets a value's `!` reach an interactive bash's history expansion (substitute.ts
// refuses a value by these indexes). shell-quoting.test.ts runs the results through a real bash.
describe('expandedBangs', () => {
  it('finds a ! outside quotes and inside double quotes, not inside single quotes', () => {
    expect(expandedBangs('')).toEqual([]);
    expect(expandedBangs('!')).toEqual([0]);
    expect(expandedBangs('a!b !')).toEqual([1, 4]);
    expect(expandedBangs("'!'")).toEqual([]);
    expect(expandedBangs("'!")).toEqual([]);
    expect(expandedBangs('"!"')).toEqual([1]);
    // Single quotes mean nothing inside double quotes, and a second " ends them.
    expect(expandedBangs(`"'!'"`)).toEqual([2]);
    expect(expandedBangs(`""'!'`)).toEqual([]);
  });

  it('skips what a backslash protects in either bash reading', () => {
    expect(expandedBangs('\\!')).toEqual([]);
    // \' is no quote for history expansion: the ' after a is the one that opens.
    expect(expandedBangs("\\'a'!")).toEqual([]);
    expect(expandedBangs("\\'!'")).toEqual([2]);
    // Older bash: \" is two characters, the " opens double quotes, the '…' protects nothing.
    expect(expandedBangs(`\\"'!'`)).toEqual([3]);
    // bash 5.2: \" is one escaped character, so the second " closes and the first opened.
    expect(expandedBangs(`"\\"'!'`)).toEqual([4]);
    // Both readings, in order of index.
    expect(expandedBangs(`"\\"'!' !`)).toEqual([4, 7]);
  });

  it("reads $'…' with its escapes, and '…' without", () => {
    expect(expandedBangs("$'\\'!'")).toEqual([]);
    // Only a backslash escapes in $'…': other characters are read one at a time.
    expect(expandedBangs("$'a'!")).toEqual([4]);
    expect(expandedBangs("'\\'!'")).toEqual([3]);
    expect(expandedBangs("a'\\'!'")).toEqual([4]);
  });
});

describe('startsQuickSubstitution', () => {
  it('is a ^ at the start of the text or of a line', () => {
    expect(startsQuickSubstitution('^a', 0)).toBe(true);
    expect(startsQuickSubstitution('x\n^a', 2)).toBe(true);
    expect(startsQuickSubstitution('x\r^a', 2)).toBe(true);
    expect(startsQuickSubstitution('x^a', 1)).toBe(false);
    expect(startsQuickSubstitution('a^', 0)).toBe(false);
    expect(startsQuickSubstitution('\na', 1)).toBe(false);
  });
});

describe('quoted bodies', () => {
  it("single: each ' closes, is escaped, reopens", () => {
    expect(singleQuotedBody("a'b'c")).toBe("a'\\''b'\\''c");
    expect(singleQuotedBody('a"$!\\b')).toBe('a"$!\\b');
  });

  it('double: \\ $ ` take a backslash; " and ! are single-quoted between double quotes', () => {
    expect(doubleQuotedBody('a\\b$c`d')).toBe('a\\\\b\\$c\\`d');
    expect(doubleQuotedBody('a"b!c')).toBe(`a"'"'"b"'!'"c`);
    expect(doubleQuotedBody("a'b c")).toBe("a'b c");
  });
});

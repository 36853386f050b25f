import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../electron/storage/csv';

describe('CSV', () => {
  it('quotes per RFC 4180 only where needed', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-1)).toBe('-1'); // our own numbers stay numbers
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes a header and CRLF after every record', () => {
    expect(
      toCsv(
        ['A', 'B'],
        [
          ['1', 'x,y'],
          [2, '=1'],
        ],
      ),
    ).toBe('A,B\r\n1,"x,y"\r\n2,\'=1\r\n');
  });
});

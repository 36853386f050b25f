import { describe, expect, it } from 'vitest';
import { withoutSecretEcho } from '../../../../electron/plugins/tag-engine/sql/statement-echo';

const secret = 'Ve4ttQgMUnCGPlx9Rk2wZa7b';
const sent = `SELECT garbage garbage2 garbage3 aaaaaaa '${secret}' x;`;
const shown = `SELECT garbage garbage2 garbage3 aaaaaaa '******' x;`;

describe("a server message quoting a statement that held a secret (review 37's MariaDB case)", () => {
  it('masks a quote cut inside the secret, where masking whole secrets finds nothing', () => {
    // MariaDB quotes 80 characters from where it stopped reading.
    const message = `You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near 'garbage2 garbage3 aaaaaaa '${secret.slice(0, 14)}' at line 1 (errno 1064)`;
    const masked = withoutSecretEcho(message, sent, shown);
    expect(masked).not.toContain(secret.slice(0, 4));
    expect(masked).toBe(
      "You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near '******' at line 1 (errno 1064)",
    );
  });

  it('keeps what it quotes of the statement away from the secret, and every message of a statement without one', () => {
    const message = "Unknown column 'garbage2' in 'field list' (errno 1054)";
    expect(withoutSecretEcho(message, sent, shown)).toBe(message);
    expect(withoutSecretEcho(`near '${secret.slice(0, 9)}'`, 'select 1', 'select 1')).toBe(
      `near '${secret.slice(0, 9)}'`,
    );
  });

  it('masks a piece of four characters of the secret, with what it was quoted with', () => {
    const masked = withoutSecretEcho(`near '${secret.slice(0, 4)}'`, sent, shown);
    expect(masked).toContain('******');
    expect(masked).not.toContain(secret.slice(0, 4));
  });

  it('masks a quote the server changed the case of, keeping the message as it came', () => {
    const masked = withoutSecretEcho(`NEAR '${secret.slice(0, 10).toLowerCase()}' AT LINE 1`, sent, shown);
    expect(masked.toLowerCase()).not.toContain(secret.slice(0, 4).toLowerCase());
    expect(masked).toMatch(/^NEAR.*\*{6}.*AT LINE 1$/);
  });

  it('cuts a long message instead of searching it all, never inside a character', () => {
    const message = '😀'.repeat(1500);
    const masked = withoutSecretEcho(message, sent, shown);
    expect(masked.startsWith('😀'.repeat(1024))).toBe(true);
    expect(masked).toMatch(/… \(952 more characters not kept\)$/);
  });
});

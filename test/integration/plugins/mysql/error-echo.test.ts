// MariaDB's syntax error quotes 80 characters of the statement from where it stopped reading, and
// so can cut a secret short: masking whole secrets found nothing in `near '… 'Ve4ttQgMUnCGPl'`,
// and 14 of a 24-character password reached the step log (review 37). A statement that held a
// secret has what the message quotes of the secret masked, against the real server.

import { describe, expect, it } from 'vitest';
import { randomPassword } from '../../../lab/secrets';
import { adminLogin, plugin, target } from './support';

describe('MySQL/MariaDB: an error quoting a statement that held a secret', () => {
  it('shows where the statement went wrong, and no piece of the password', async () => {
    const password = randomPassword(24);
    const template = `SELECT garbage garbage2 garbage3 garbage4 garbage5 garbage6 garbage7 garbage8 aaaaaaa '[#NEW_PASSWORD#]' x;\n`;
    const result = await plugin.run({
      template,
      tags: { USERNAME: 'nobody', NEW_PASSWORD: password },
      target: target(),
      login: adminLogin(),
    });
    expect(result.ok).toBe(false);
    const told = JSON.stringify(result);
    // The server did quote the statement (this is the case being tested)...
    expect(told).toContain('to use near');
    expect(told).toContain('garbage');
    // ...and no four characters in a row of the password are left.
    for (let at = 0; at + 4 <= password.length; at++) expect(told).not.toContain(password.slice(at, at + 4));
  });
});

// A row too large to read (electron/plugins/postgresql/message-size.ts), against the lab's real
// server. Past 512 MiB, pg's parser throws where no caller can catch it and the core would stop;
// past the 64 MiB bound the connection is closed with a clear error before pg gathers the row.

import { describe, expect, it } from 'vitest';
import { openPg } from '../../../../electron/plugins/postgresql/connection';
import { maxServerMessageBytes } from '../../../../electron/plugins/postgresql/message-size';
import { openPgConsole } from '../../../../electron/sessions/sql-console-pg';
import { adminLogin, target } from './support';

const timeouts = { connectSeconds: 10, readSeconds: 60 };
/** A value one MiB over the bound: the server builds it, the app refuses it at its header. */
const tooLarge = `select repeat('x', ${maxServerMessageBytes + 1024 * 1024})`;

describe('PostgreSQL: a row larger than the app reads at once', () => {
  it('the SQL console gets a clear error and the connection closes; nothing is thrown elsewhere', async () => {
    const sql = await openPgConsole({ target: target(), login: adminLogin(), timeouts });
    const error = await sql.run(tooLarge, 100).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'The server sent a row or message of 65.0 MiB, more than the 64.0 MiB this app reads at once: the connection was closed',
    );
    await sql.close();
  });

  it('a row under the bound is read whole, and the connection goes on', async () => {
    const connection = await openPg({ target: target(), login: adminLogin(), timeouts });
    try {
      const size = 8 * 1024 * 1024;
      const result = await connection.client.query<{ n: number }>(`select length(repeat('x', ${size})) as n`);
      expect(result.rows[0]?.n).toBe(size);
      const big = await connection.client.query<{ v: string }>(`select repeat('y', ${size}) as v`);
      expect(big.rows[0]?.v.length).toBe(size);
      expect(connection.alive()).toBe(true);
    } finally {
      await connection.close();
    }
  });

  it('a connection the plugin opens for runs and checks fails the same way; a new one works', async () => {
    const connection = await openPg({ target: target(), login: adminLogin(), timeouts });
    await expect(connection.client.query(tooLarge)).rejects.toThrow(
      'more than the 64.0 MiB this app reads at once',
    );
    expect(connection.alive()).toBe(false);
    await connection.close();
    const next = await openPg({ target: target(), login: adminLogin(), timeouts });
    expect((await next.client.query<{ one: number }>('select 1 as one')).rows[0]?.one).toBe(1);
    await next.close();
  });
});

/**
 * RequestGuard on its own, each guard built inside its test: the checks of request-guard.test.ts
 * against the real host, plus a request with no Host or Origin header at all (HTTP/1.0 allows it),
 * which must be refused, not crash the check.
 *
 * Equivalent mutants, which no test can tell apart (found by `npm run mutation`):
 * - request-guard.ts:20 and :35 `Buffer.from(…, 'utf8')` with the encoding "" instead: Node reads
 *   an empty encoding as UTF-8, so the token's bytes and the candidate's are the same.
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { RequestGuard } from '../../../electron/host/request-guard';

const port = 43_210;
const token = 'tok-en_12345';
const withHeaders = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('RequestGuard', () => {
  it('takes Host as this loopback address or localhost with this port, in any case, and nothing else', () => {
    const guard = new RequestGuard(port, token);
    const allowed = (host: string) => guard.hostAllowed(withHeaders({ host }));
    expect(allowed(`127.0.0.1:${port}`)).toBe(true);
    expect(allowed(`localhost:${port}`)).toBe(true);
    expect(allowed(`LocalHost:${port}`)).toBe(true);
    expect(allowed('')).toBe(false);
    expect(allowed(`localhost:${port + 1}`)).toBe(false);
    expect(allowed(`evil.example:${port}`)).toBe(false);
  });

  it('refuses a request without Host or Origin (an HTTP/1.0 client may send neither)', () => {
    const guard = new RequestGuard(port, token);
    expect(guard.hostAllowed(withHeaders({}))).toBe(false);
    expect(guard.originAllowed(withHeaders({}))).toBe(false);
  });

  it('takes Origin as this very origin by either loopback name, and refuses "null"', () => {
    const guard = new RequestGuard(port, token);
    const allowed = (origin: string) => guard.originAllowed(withHeaders({ origin }));
    expect(allowed(`http://127.0.0.1:${port}`)).toBe(true);
    expect(allowed(`http://LOCALHOST:${port}`)).toBe(true);
    expect(allowed('null')).toBe(false);
    expect(allowed(`https://127.0.0.1:${port}`)).toBe(false);
    expect(allowed(`127.0.0.1:${port}`)).toBe(false);
  });

  it('matches the exact token only', () => {
    const guard = new RequestGuard(port, token);
    expect(guard.tokenMatches(token)).toBe(true);
    for (const candidate of [null, '', token.slice(0, -1), `${token}x`, token.toUpperCase(), 'x'.repeat(12)])
      expect({ candidate, matches: guard.tokenMatches(candidate) }).toEqual({ candidate, matches: false });
  });
});

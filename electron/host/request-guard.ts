import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The browser host listens on 127.0.0.1 only, but any web page the user visits can still try to
 * reach it. These checks stop that:
 *  - Host must name this loopback address and port: a DNS-rebinding page arrives with its own name.
 *  - Origin (WebSocket) must be this very origin: other pages' sockets carry their own origin.
 *  - The per-launch token, known only to whoever read the printed address, must match.
 */
export class RequestGuard {
  readonly #allowedHosts: ReadonlySet<string>;
  readonly #allowedOrigins: ReadonlySet<string>;
  readonly #token: Buffer;

  constructor(port: number, token: string) {
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    this.#allowedHosts = new Set(hosts);
    this.#allowedOrigins = new Set(hosts.map((h) => `http://${h}`));
    this.#token = Buffer.from(token, 'utf8');
  }

  hostAllowed(request: IncomingMessage): boolean {
    const host = request.headers.host;
    return host !== undefined && this.#allowedHosts.has(host.toLowerCase());
  }

  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    return origin !== undefined && this.#allowedOrigins.has(origin.toLowerCase());
  }

  tokenMatches(candidate: string | null): boolean {
    if (candidate === null) return false;
    const given = Buffer.from(candidate, 'utf8');
    return given.length === this.#token.length && timingSafeEqual(given, this.#token);
  }
}

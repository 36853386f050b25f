import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { wirePath, wireTokenParam } from '../../shared/contract/wire';
import type { Core } from '../core/compose';
import { RequestGuard } from './request-guard';
import { rendererCsp } from '../core/content-security';
import { send, serveStatic } from './static-files';
import { defaultWireLimits, type WireLimits } from './wire-limits';
import { attachSocket, type ConnectionStats, type SocketEndpoint } from './ws-endpoint';

export interface BrowserHost {
  /** The exact address to open, token included. */
  readonly url: string;
  readonly port: number;
  /** What each open connection holds now (diagnostics; the tests check the bounds with it). */
  connections(): ConnectionStats[];
  close(): Promise<void>;
}

export interface BrowserHostOptions {
  readonly core: Core;
  readonly rendererDir: string;
  readonly port: number;
  /** What one connection may make the host hold; tests lower them. */
  readonly limits?: Partial<WireLimits>;
}

const loopback = '127.0.0.1';

/**
 * The browser host: the core served to a web page over HTTP (the built renderer) and a WebSocket
 * (the contract), bound to 127.0.0.1 only. Used where Electron's binary is missing and by the
 * end-to-end tests.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(32).toString('base64url');
  const limits: WireLimits = { ...defaultWireLimits, ...options.limits };
  const server = createServer();
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server, options.port);
  const guard = new RequestGuard(port, token);
  const csp = rendererCsp(`ws://${loopback}:${port} ws://localhost:${port}`);

  server.on('request', (request, response) => {
    if (!guard.hostAllowed(request)) return send(response, 421, 'Unknown host', csp);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'Method not allowed', csp);
    void serveStatic(options.rendererDir, request.url ?? '/', response, csp);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes });
  const clients = new Map<WebSocket, SocketEndpoint>();
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://${loopback}`);
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== wirePath) return refuse(404, 'Not Found');
    if (!guard.hostAllowed(request)) return refuse(421, 'Misdirected Request');
    if (!guard.originAllowed(request)) return refuse(403, 'Forbidden');
    if (!guard.tokenMatches(url.searchParams.get(wireTokenParam))) return refuse(401, 'Unauthorized');
    if (clients.size >= limits.maxConnections) return refuse(503, 'Service Unavailable');
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  wss.on('connection', (ws: WebSocket) => {
    clients.set(ws, attachSocket(options.core, ws, limits));
    ws.on('close', () => clients.delete(ws));
    // A protocol error (e.g. a frame above maxPayload) closes that socket; without a listener it
    // would be thrown and stop the host.
    ws.on('error', () => undefined);
  });
  const unsubscribe = options.core.events.subscribe((event, payload) => {
    const frame = JSON.stringify({ event, payload });
    for (const endpoint of clients.values()) endpoint.push(frame);
  });

  return {
    url: `http://${loopback}:${port}/#token=${token}`,
    port,
    connections: () => [...clients.values()].map((endpoint) => endpoint.stats()),
    close: async () => {
      unsubscribe();
      for (const ws of clients.keys()) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, loopback, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

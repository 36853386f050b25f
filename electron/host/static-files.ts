import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { securityHeaders } from '../core/content-security';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Serves the built renderer; never a file outside `root`. */
export async function serveStatic(root: string, urlPath: string, response: ServerResponse, csp: string) {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return send(response, 400, 'Bad path', csp);
  }
  if (path === '/' || path === '') path = '/index.html';
  const file = normalize(join(root, path));
  if (!file.startsWith(root + sep)) return send(response, 404, 'Not found', csp);
  try {
    const body = await readFile(file);
    response.writeHead(200, {
      ...securityHeaders(csp),
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    response.end(body);
  } catch {
    send(response, 404, 'Not found', csp);
  }
}

export function send(response: ServerResponse, status: number, text: string, csp: string): void {
  response.writeHead(status, { ...securityHeaders(csp), 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}

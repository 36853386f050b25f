import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

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

/** Content-Security-Policy of the renderer; shared with the Electron shell's protocol handler. */
export function rendererCsp(connectSrc: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // MUI (emotion) injects <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export const securityHeaders = (csp: string): Record<string, string> => ({
  'Content-Security-Policy': csp,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

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

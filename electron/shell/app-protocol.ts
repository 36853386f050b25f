import { net, protocol } from 'electron';
import { stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rendererCsp, securityHeaders } from '../core/content-security';

export const appScheme = 'app';
const appHost = 'renderer';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * Whether `url` is on our app://renderer origin. Not `new URL(url).origin === appOrigin`: the main
 * process's URL is Node's (WHATWG), which gives every non-special scheme, app:// included, the
 * opaque origin "null", so that comparison refuses our own page. A URL that does not parse is not ours.
 */
export function isAppOrigin(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, host, username, password } = new URL(url);
  return protocol === `${appScheme}:` && host === appHost && username === '' && password === '';
}

/** Must run before `app.ready`: makes app:// a standard, secure origin (not file://). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves dist/renderer under app://renderer/ with the browser host's CSP and security headers. Only
 * regular files under that folder: anything else (another host, a path that leaves the folder, a
 * folder, whose file:// listing Chromium would show, a missing file) is a 404, with the same headers.
 */
export function serveRenderer(rendererDir: string): void {
  const headers = securityHeaders(rendererCsp("'none'"));
  protocol.handle(appScheme, async (request) => {
    const file = await rendererFile(rendererDir, request.url);
    if (file !== undefined) {
      try {
        const response = await net.fetch(pathToFileURL(file).toString());
        const merged = new Headers(response.headers);
        for (const [name, value] of Object.entries(headers)) merged.set(name, value);
        return new Response(response.body, { status: response.status, headers: merged });
      } catch {
        // Gone since the check: a 404 like any other missing file.
      }
    }
    return new Response('Not found', {
      status: 404,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  });
}

/** The regular file under `rendererDir` that `url` names, if there is one. */
async function rendererFile(rendererDir: string, url: string): Promise<string | undefined> {
  const { host, pathname } = new URL(url);
  if (host !== appHost) return undefined;
  let path: string;
  try {
    path = pathname === '/' ? '/index.html' : decodeURIComponent(pathname);
  } catch {
    return undefined; // A malformed escape.
  }
  const file = normalize(join(rendererDir, path));
  if (!file.startsWith(rendererDir + sep)) return undefined;
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

import { net, protocol } from 'electron';
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

/** Serves dist/renderer under app://renderer/ with the same CSP as the browser host. */
export function serveRenderer(rendererDir: string): void {
  const csp = rendererCsp("'none'");
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const path = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
    const file = normalize(join(rendererDir, path));
    if (url.host !== appHost || !file.startsWith(rendererDir + sep)) {
      return new Response('Not found', { status: 404 });
    }
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(securityHeaders(csp))) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}

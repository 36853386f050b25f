import { app, session, shell } from 'electron';
import { isAppOrigin } from './app-protocol';

/**
 * App-wide denials: no new windows (external http(s) links go to the system browser), no
 * navigation away from our origin, no permission grants (camera, notifications, ...), no webviews.
 */
export function hardenApp(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isAppOrigin(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppOrigin(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

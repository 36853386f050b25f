// Injected at build time by esbuild (scripts/build.mjs) from package.json; the fallbacks serve
// tests that run the sources directly.
declare const __APP_VERSION__: string | undefined;

export const appName = 'JIT PAM';
export const appVersion: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';

const storageKey = 'jit-pam.token';
const tokenPattern = /(?:^#|&)token=([^&]+)/;

/** Whether the address bar holds a launch token now (`#token=...`). */
export function hasLaunchToken(): boolean {
  return tokenPattern.test(window.location.hash);
}

/**
 * The browser host prints `http://127.0.0.1:N/#token=...`. Take the token out of the address bar at
 * once (so it is not left in history or screenshots) and keep it for this tab only, so a reload works.
 */
export function takeLaunchToken(): string | undefined {
  const match = tokenPattern.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(storageKey, token);
    window.history.replaceState(null, '', `${window.location.pathname}#/`);
    return token;
  }
  return sessionStorage.getItem(storageKey) ?? undefined;
}

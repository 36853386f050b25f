/**
 * Calls `onOrphaned` once when the process that started this one is gone. `npm run serve` and
 * `npm start` run us under `sh -c`: a SIGTERM sent to npm's pid reaches npm and its shell, which
 * dies without passing it on, and we would go on serving with nobody left to stop us. An orphan
 * is re-parented (to init or a subreaper), so its parent pid changes: that is the sign.
 * A process started by init itself (a service) has nothing to watch.
 */
export function watchParent(onOrphaned: () => void, intervalMs = 1000): () => void {
  const parent = process.ppid;
  if (parent <= 1) return () => undefined;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, intervalMs);
  // The watch alone never keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Saves text as a file through a temporary Blob link, the browser's download: both shells handle
 * it (Electron asks where to save, Chromium puts it in Downloads), nothing is written by the core
 * for this, and the data never goes through the address bar. The audit and credential CSV exports
 * and the bundle export use it.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the click has started the download by then, and revoking at once
  // can cancel it in some engines.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

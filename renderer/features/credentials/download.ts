/**
 * Saves text as a file through a temporary Blob link: works the same in the browser host and in
 * Electron (which turns it into a save), and never routes the data through the address bar.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: revoking at once can cancel the download in some engines.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

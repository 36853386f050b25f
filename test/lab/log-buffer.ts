/**
 * Keeps the last bytes a server wrote, so a failure can quote them without the lab holding an
 * unbounded log in memory (slapd at -d stats logs every operation).
 */
export class LogBuffer {
  private text = '';

  constructor(private readonly maxChars = 64 * 1024) {}

  append(chunk: Buffer | string): void {
    this.text += chunk.toString();
    if (this.text.length > this.maxChars * 2) {
      this.text = this.text.slice(-this.maxChars);
    }
  }

  all(): string {
    return this.text.slice(-this.maxChars);
  }

  tail(lines = 30): string {
    const all = this.all().trimEnd().split('\n');
    return all.slice(-lines).join('\n');
  }
}

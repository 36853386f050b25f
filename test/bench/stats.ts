/** Small helpers for the benches: they print figures, they never assert. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;

/** One line per figure: `name: value (target <= X) ok|MISSED`. */
export function report(name: string, value: number, target: number): string {
  return `${name}: ${ms(value)} (target <= ${target} ms) ${value <= target ? 'ok' : 'MISSED'}`;
}

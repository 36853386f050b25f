/** `a`, `a and b`, `a, b and c`: the counts an export's or import's audit entry lists (empty parts left out). */
export function andList(parts: readonly string[]): string {
  const kept = parts.filter((part) => part !== '');
  const last = kept.pop();
  if (last === undefined) return '';
  return kept.length === 0 ? last : `${kept.join(', ')} and ${last}`;
}

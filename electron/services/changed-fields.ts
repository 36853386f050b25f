/**
 * The names of the fields an update changed, for the audit log. Only names: the log must never
 * hold a value that could be a secret, and a list of names is enough to answer "who touched what".
 * Values are plain JSON (zod output), so comparing their JSON (keys sorted) is exact.
 */
export function changedFields<T extends object>(
  before: T,
  after: T,
  keys: readonly (keyof T & string)[],
  /** Object-valued keys reported per sub-field, e.g. `jit.enabled`. */
  nested: readonly (keyof T & string)[] = [],
): string[] {
  const changed: string[] = [];
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    if (same(a, b)) continue;
    if (nested.includes(key) && isRecord(a) && isRecord(b)) {
      const subKeys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const sub of subKeys) if (!same(a[sub], b[sub])) changed.push(`${key}.${sub}`);
    } else {
      changed.push(key);
    }
  }
  return changed;
}

const same = (a: unknown, b: unknown): boolean => stable(a) === stable(b);

/** JSON with object keys sorted: zod's output key order follows its input, which may vary. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

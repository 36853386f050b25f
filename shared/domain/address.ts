/**
 * Pure checks of a device address: host name, IPv4, IPv6. `shared/` cannot use Node's `net.isIP`,
 * so these follow the RFCs directly (the unit tests compare the IPv6 check with `net.isIPv6`).
 */

/** 0 to 255 without leading zeros: `010` is 8 to inet_aton (octal) and 10 to others. */
const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4Pattern = new RegExp(`^${octet}(\\.${octet}){3}$`);

/** Dotted quad, each number 0 to 255 written without leading zeros. */
export const isIPv4 = (text: string): boolean => ipv4Pattern.test(text);

const hexGroup = /^[0-9a-fA-F]{1,4}$/;
/** RFC 6874 zone ids name an interface (`fe80::1%eth0`); kept to a safe, short alphabet. */
const zonePattern = /^[0-9A-Za-z_.~-]{1,64}$/;

/**
 * An IPv6 address in RFC 4291 text form: eight groups of 1 to 4 hex digits, one `::` at most
 * standing for one or more zero groups, the last 32 bits optionally as a dotted quad
 * (`::ffff:10.0.0.1`), and optionally a zone (`%eth0`). No brackets: those belong to URLs.
 */
export function isIPv6(text: string): boolean {
  const percent = text.indexOf('%');
  const address = percent === -1 ? text : text.slice(0, percent);
  if (percent !== -1 && !zonePattern.test(text.slice(percent + 1))) return false;

  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  const all = [...head, ...tail];
  // A dotted quad can only be the address's last 32 bits: never before a "::".
  const last = halves.length === 2 && tail.length === 0 ? -1 : all.length - 1;

  let count = 0;
  for (const [index, group] of all.entries()) {
    if (index === last && group.includes('.')) {
      if (!isIPv4(group)) return false;
      count += 2;
    } else if (hexGroup.test(group)) {
      count += 1;
    } else {
      return false;
    }
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** One label of a host name (RFC 1123 2.1): letters, digits, hyphens inside, 1 to 63 characters. */
const labelPattern = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** A host name of RFC 1123 labels separated by dots, at most 253 characters (no trailing dot). */
export const isHostName = (text: string): boolean =>
  text.length >= 1 && text.length <= 253 && text.split('.').every((label) => labelPattern.test(label));

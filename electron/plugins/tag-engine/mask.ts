import { pairSafeCut, splitsPair } from '../../../shared/domain/text-rules';
import type { ConnectionLogin, TagValues } from '../plugin-runtime';
import { secretForms, squeezed } from './secret-forms';
import { isSecretTag } from './tags';

export const MASK = '******';

/** What a stored output becomes when masking could not make it safe (see Masker.guard). */
export const WITHHELD =
  '[output withheld: it still held a secret of this run in a form masking cannot replace]';

/** Forms shorter than this are not looked for by the leak check: they would match ordinary text. */
const minLeakLength = 6;

/** `text` with each run of overlapping `spans` (sorted by start) replaced by one MASK. */
function maskSpans(text: string, spans: readonly (readonly [number, number])[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let copied = 0;
  let maskEnd = -1;
  for (const [start, end] of spans) {
    if (start < maskEnd) {
      maskEnd = Math.max(maskEnd, end);
      continue;
    }
    if (maskEnd >= 0) {
      out += MASK;
      copied = maskEnd;
    }
    out += text.slice(copied, start);
    maskEnd = end;
  }
  return out + MASK + text.slice(maskEnd);
}

/**
 * Replaces every secret, every escaped form of it a plugin adds, and the common transforms of
 * each (secret-forms.ts: reversed, base64, hex, URL and shell escapes) with `******`. Longest
 * first, so a secret that contains another is masked whole.
 */
export class Masker {
  private readonly base: string[];
  // Spelled out at the first mask or leak test, not here: a masker made only to be extended
  // (withForms) or for a failure that never comes costs nothing, and each secret has dozens of
  // forms (a JIT session's runs and checks made six to eight maskers; the lifecycle bench).
  #forms: { readonly secrets: readonly string[]; readonly leakForms: readonly string[] } | undefined;

  constructor(secrets: Iterable<string>) {
    this.base = [...new Set(secrets)].filter((s) => s.length > 0);
  }

  private get forms(): { readonly secrets: readonly string[]; readonly leakForms: readonly string[] } {
    if (this.#forms === undefined) {
      const secrets = [...new Set(this.base.flatMap((s) => secretForms(s)))].sort(
        (a, b) => b.length - a.length,
      );
      const leakForms = [...new Set(secrets.map(squeezed))].filter((f) => f.length >= minLeakLength);
      this.#forms = { secrets, leakForms };
    }
    return this.#forms;
  }

  /**
   * Every occurrence of every form, overlapping ones too, each run of overlapping occurrences as
   * one mask: `s3cr3ts3cr3ts` holds `s3cr3ts` twice sharing an `s`, and replacing them one after
   * the other (split and join) left `******3cr3ts`. `maskedPrefix`: that many first characters are
   * masked too, the rest of an occurrence that a forced cut split (guardAcross).
   */
  mask(text: string, maskedPrefix = 0): string {
    return maskSpans(text, this.#spansToMask(text, maskedPrefix));
  }

  /**
   * Start and end of every occurrence of every form in `text`, by start, and first the masked
   * prefix's when there is one.
   */
  #spansToMask(text: string, maskedPrefix: number): [number, number][] {
    const spans: [number, number][] = [];
    // No form is empty: the constructor drops empty secrets, and secretForms makes none of others.
    for (const secret of this.forms.secrets) {
      for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1))
        spans.push([at, at + secret.length]);
    }
    spans.sort((a, b) => a[0] - b[0]);
    if (maskedPrefix > 0) spans.unshift([0, Math.min(maskedPrefix, text.length)]);
    return spans;
  }

  /**
   * Whether `text` still holds a secret once whitespace, control characters, backslashes and
   * quotes are ignored: a secret cut by a line wrap or an escape that masking did not replace.
   */
  leaks(text: string): boolean {
    const { leakForms } = this.forms;
    if (leakForms.length === 0) return false;
    const flat = squeezed(text);
    return leakForms.some((form) => flat.includes(form));
  }

  /** The masked text, or the WITHHELD notice when even the masked text still leaks a secret. */
  guard(text: string, maskedPrefix = 0): string {
    const masked = this.mask(text, maskedPrefix);
    return this.leaks(masked) ? WITHHELD : masked;
  }

  /**
   * Marks in `into` the characters of every occurrence of every form in `text`: by their index
   * in `text`, or, with `from`, at `from[i]` (where each came from, -1 for none). The first
   * `maskedPrefix` characters are marked too. For a line whose edits are applied
   * (line-edits.ts): what came from a secret, as it came or with its edits removed, stays masked
   * wherever the edits move it.
   */
  markSpans(text: string, into: Uint8Array, from?: readonly number[], maskedPrefix = 0): void {
    // Each character once, however many occurrences overlap it (spans come by start).
    let markedTo = 0;
    for (const [start, end] of this.#spansToMask(text, maskedPrefix)) {
      for (let at = Math.max(start, markedTo); at < end; at++) {
        const source = from === undefined ? at : (from[at] ?? -1);
        if (source >= 0) into[source] = 1;
      }
      markedTo = Math.max(markedTo, end);
    }
  }

  /** Where every form of every secret occurs in `text`, start and end, by start. */
  spans(text: string): [number, number][] {
    return this.#spansToMask(text, 0);
  }

  /** The longest form's length (0 without a secret). */
  get longestForm(): number {
    return this.forms.secrets[0]?.length ?? 0;
  }

  /**
   * `text`, a line with its edits applied, guarded: masked where a form occurs in it and on each
   * run of units `masked` marks, or the WITHHELD notice when it still leaks.
   */
  guardShown(text: string, masked: Uint8Array): string {
    const spans = this.#spansToMask(text, 0);
    for (let at = 0; at < text.length; at++) {
      if (!masked[at]) continue;
      const start = at;
      while (masked[at + 1]) at++;
      spans.push([start, at + 1]);
    }
    const guarded = maskSpans(
      text,
      spans.sort((a, b) => a[0] - b[0]),
    );
    return this.leaks(guarded) ? WITHHELD : guarded;
  }

  /**
   * A growing text cut where safeCut found no safe point (one secret repeated back to back), at
   * the latest point that keeps the longest form less one after it, so that every occurrence
   * across the cut is whole in `text`. The part before it is guarded with those occurrences masked
   * up to the cut; `carry` says how far past the cut they reach: the rest must be guarded with
   * that many first characters masked (`maskedPrefix`, as `text`'s own here).
   */
  guardAcross(text: string, maskedPrefix = 0): { guarded: string; cut: number; carry: number } {
    let cut = Math.max(0, text.length - ((this.forms.secrets[0]?.length ?? 1) - 1));
    // Further back, more is kept whole.
    cut = pairSafeCut(text, cut);
    const spans = this.#spansToMask(text, maskedPrefix);
    let reach = Math.max(cut, Math.min(maskedPrefix, text.length));
    const before: [number, number][] = [];
    for (const [start, end] of spans) {
      if (start >= cut) continue;
      before.push([start, Math.min(end, cut)]);
      reach = Math.max(reach, end);
    }
    const masked = maskSpans(text.slice(0, cut), before);
    return { guarded: this.leaks(masked) ? WITHHELD : masked, cut, carry: reach - cut };
  }

  /**
   * Where a text still growing (a terminal's line without its end) may be cut, at most at `at`, so
   * that the part before the cut, masked on its own, holds no piece of a secret: no form occurs
   * across the cut, and the last `longest form - 1` characters stay after it (a form may begin
   * there and end in text not yet come), and the cut is not inside a surrogate pair. 0 when no
   * such point is left.
   *
   * The cut moves back to the start of any occurrence across it until none is. For each form only
   * starts not yet looked at are searched, in a window that ends where an occurrence starting
   * there would end: each form's searches cover the text once in all, plus its length a move.
   * (Searching from each new cut to the text's end made a line of one secret repeated back to
   * back, which has no safe point, quadratic: 470 ms a search at 58 KB.)
   */
  safeCut(text: string, at = text.length): number {
    let cut = this.#formCut(text, at);
    while (splitsPair(text, cut)) cut = this.#formCut(text, cut - 1);
    return cut;
  }

  /** safeCut but for surrogate pairs. */
  #formCut(text: string, at: number): number {
    const { secrets } = this.forms;
    let cut = Math.max(0, Math.min(at, text.length - ((secrets[0]?.length ?? 1) - 1)));
    // Per form: no start from `clearFrom` up to the cut is an occurrence of it (none looked at yet).
    const searches = secrets.map((form) => ({ form, clearFrom: cut }));
    for (let moved = cut > 0; moved;) {
      moved = false;
      for (const search of searches) {
        const { form } = search;
        // An occurrence is across the cut when it starts before it and ends after it. Starts from
        // the cut on are none of this one's business (another form may have moved it back).
        const from = Math.max(0, cut - form.length + 1);
        const to = Math.min(search.clearFrom, cut);
        if (from >= to) continue;
        const found = text.slice(from, to + form.length - 1).indexOf(form);
        search.clearFrom = from;
        if (found >= 0) {
          cut = from + found;
          if (cut === 0) return 0;
          moved = true;
        }
      }
    }
    return cut;
  }

  /** A masker that also hides `forms(secret)` of each secret, e.g. its SQL-escaped spelling. */
  withForms(forms: (secret: string) => readonly string[]): Masker {
    return new Masker([...this.base, ...this.base.flatMap((s) => forms(s))]);
  }
}

/**
 * The values of secret tags (built-in, and user-defined ones marked secret: see withSecretTags) and
 * the login's password, key and key passphrase.
 */
export function runSecrets(tags: TagValues, login?: ConnectionLogin): string[] {
  const fromTags = Object.entries(tags).flatMap(([name, value]) => (isSecretTag(name, tags) ? [value] : []));
  const fromLogin = [login?.password, login?.privateKey, login?.passphrase].filter(
    (s): s is string => s !== undefined,
  );
  // A key's body lines are secret each on its own: an output may show one without the others.
  const keyLines = (login?.privateKey ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 16 && !line.startsWith('-----'));
  return [...fromTags, ...fromLogin, ...keyLines];
}

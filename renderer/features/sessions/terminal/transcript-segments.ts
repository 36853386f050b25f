import type { TerminalTranscriptEntry } from '../../../../shared/contract/terminal';
import { bidiShown } from '../../../../shared/domain/text-rules';

export type SegmentKind = 'output' | 'typed' | 'note';

/**
 * What a page shows, in runs: output as the screen showed it, and typed lines (hidden ones
 * included, after their prompt) and notes (on a line of their own), drawn unlike output (bold and
 * coloured; italic): a target that prints `› sudo -i` or `[transcript truncated]` cannot pass its output
 * for a typed line or a note of the app's.
 */
export function segments(entries: readonly TerminalTranscriptEntry[]): { kind: SegmentKind; text: string }[] {
  const out: { kind: SegmentKind; text: string }[] = [];
  for (const entry of entries) {
    const kind: SegmentKind = entry.kind === 'output' ? 'output' : entry.kind === 'note' ? 'note' : 'typed';
    const text =
      kind === 'output'
        ? bidiShown(entry.text)
        : kind === 'note'
          ? `\n[${entry.text}]\n`
          : `› ${bidiShown(entry.text)}\n`;
    const last = out.at(-1);
    if (last?.kind === kind) last.text += text;
    else out.push({ kind, text });
  }
  return out;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { TerminalTranscriptEntry } from '../../../shared/contract/terminal';
import { Masker } from '../../../electron/plugins/tag-engine';
import { TerminalRecorder } from '../../../electron/sessions/terminal-recorder';
import { TerminalTranscripts } from '../../../electron/sessions/terminal-transcript';
import { makeTempDir } from '../../support/temp-dir';

/** The session the transcript tests record (a lifecycle UUID, as a file name allows). */
export const id = '0b8e0c4e-5a47-4a8f-9a55-0d8f2b1d6b6e';
export const bytes = (text: string) => Buffer.from(text, 'utf8');
export const summary = (entries: TerminalTranscriptEntry[]) => entries.map((e) => `${e.kind}:${e.text}`);

/**
 * Transcripts in a temp dir removed when the test ends, a recorder into them for given secrets
 * (batches every 5 ms), and the transcript's file.
 */
export function transcriptSetup(maxBytes?: number) {
  const dir = makeTempDir('term-transcript-');
  onTestFinished(() => dir.remove());
  const transcripts = new TerminalTranscripts(dir.path, maxBytes === undefined ? {} : { maxBytes });
  const recorder = (secrets: string[] = []) =>
    new TerminalRecorder({
      masker: new Masker(secrets),
      write: (entries) => transcripts.append(id, entries),
      clock: () => new Date('2026-01-01T00:00:00Z'),
      flushMs: 5,
    });
  const file = join(dir.path, 'transcripts', `${id}.term.jsonl`);
  return { dir, transcripts, recorder, file };
}

/**
 * `text` recorded for `secrets` as output or as typed keys, `chunk` characters at a time: what
 * reads back (the entries' texts joined) and the transcript's file as stored.
 */
export async function recordedInChunks(
  secrets: string[],
  kind: 'output' | 'input',
  text: string,
  chunk: number,
): Promise<{ shown: string; file: string }> {
  const { transcripts, recorder, file } = transcriptSetup();
  const rec = recorder(secrets);
  for (let at = 0; at < text.length; at += chunk) {
    const piece = bytes(text.slice(at, at + chunk));
    if (kind === 'output') rec.output(piece);
    else rec.input(piece);
  }
  await rec.close();
  const shown = (await transcripts.read(id)).entries.map((e) => e.text).join('');
  return { shown, file: readFileSync(file, 'utf8') };
}

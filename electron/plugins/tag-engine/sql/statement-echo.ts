import { pairSafeCut } from '../../../../shared/domain/text-rules';
import { MASK } from '../mask';

/**
 * A server's error message can quote the statement it failed on, and cut the quote short: MariaDB's
 * syntax error quotes 80 characters from where it stopped reading (`… near 'x y 'Ve4ttQgMUnC' at
 * line 1`), so a secret past that point shows as its first characters only. Masking finds whole
 * secrets (and their forms), not such a piece.
 *
 * So where the statement as sent held a secret, the parts of the message it quotes that are not
 * in the statement as shown (the secrets masked) are masked: a run of at least `minEcho`
 * characters found in the one and not in the other holds characters of a secret. What the
 * message quotes of the statement's other text stays (it is in both), so the error still says
 * where the statement went wrong.
 */
const minEcho = 4;

/** Past this, a message is not searched: it is cut there (servers' messages are a line or two). */
const maxSearched = 2048;

export function withoutSecretEcho(message: string, sentText: string, shownText: string): string {
  if (sentText === shownText) return message;
  const original = message.slice(0, pairSafeCut(message, maxSearched));
  // Compared case-blind (a server may quote what it read in another case than it was sent), unless
  // lower case changes the message's length (a dotted İ): its positions must stay the original's.
  const blind = original.toLowerCase().length === original.length;
  const fold = (text: string) => (blind ? text.toLowerCase() : text);
  const [searched, sent, shown] = [fold(original), fold(sentText), fold(shownText)];
  let out = '';
  for (let at = 0; at < searched.length;) {
    // The longest run from here that the statement as sent holds.
    let length = 0;
    while (at + length < searched.length && sent.includes(searched.slice(at, at + length + 1))) length++;
    const run = searched.slice(at, at + length);
    if (length >= minEcho && !shown.includes(run)) {
      out += MASK;
      at += length;
    } else if (length >= minEcho) {
      // Text of the statement around the secrets: kept whole, and not searched again inside.
      out += original.slice(at, at + length);
      at += length;
    } else {
      out += original.charAt(at);
      at += 1;
    }
  }
  const cut = message.length - original.length;
  return cut > 0 ? `${out}… (${cut.toLocaleString('en-US')} more characters not kept)` : out;
}

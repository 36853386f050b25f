/**
 * An ed25519 key pair from ssh2, one that ssh2 itself can read back. ssh2's generateKeyPairSync
 * writes about 1 key in 256 with its public half cut short (it strips a leading zero byte of the
 * public key; ssh2 issue 1513), which made tests fail at random: such a pair is made again.
 */
import ssh2 from 'ssh2';

// ssh2 is CommonJS with exports Node's ES loader cannot name: take them from its default export.
const { utils } = ssh2;

/** An encrypted private key: all three, as ssh2 asks. */
export interface KeyPairOptions {
  readonly passphrase: string;
  readonly cipher: string;
  readonly rounds: number;
}

export function ed25519KeyPair(options?: KeyPairOptions): { private: string; public: string } {
  for (;;) {
    const pair = options
      ? utils.generateKeyPairSync('ed25519', options)
      : utils.generateKeyPairSync('ed25519');
    const readable =
      !(utils.parseKey(pair.public) instanceof Error) &&
      !(utils.parseKey(pair.private, options?.passphrase) instanceof Error);
    if (readable) return pair;
  }
}

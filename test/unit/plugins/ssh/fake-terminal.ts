/**
 * An in-memory terminal for the interpreter's unit tests only (the plugin's real behaviour is
 * tested against the lab's sshd): it echoes typed input like a PTY with echo on, hands each line
 * to a scripted "shell", and writes what a bash would (prompt with bracketed-paste escapes, CR LF).
 */
import type { ShellChannel } from '../../../../electron/plugins/ssh/connection/shell-channel';

export type Program = (args: string, terminal: FakeTerminal) => Promise<void> | void;

export interface FakeTerminalOptions {
  readonly prompt?: string;
  readonly banner?: string;
  readonly programs?: Readonly<Record<string, Program>>;
}

export const rootPrompt = '\u001b[?2004hroot@vm:~# ';

export class FakeTerminal implements ShellChannel {
  readonly typed: string[] = [];
  #closed = false;
  #echo = true;
  #pending = '';
  #lineWaiter: ((line: string) => void) | null = null;
  readonly #data = new Set<(text: string) => void>();
  readonly #close = new Set<() => void>();
  readonly #prompt: string;
  readonly #programs: Readonly<Record<string, Program>>;

  constructor(options: FakeTerminalOptions = {}) {
    this.#prompt = options.prompt ?? rootPrompt;
    this.#programs = options.programs ?? {};
    this.print(`${options.banner ?? 'Linux vm 6.1\r\n'}${this.#prompt}`);
  }

  get closed(): boolean {
    return this.#closed;
  }

  onData(listener: (text: string) => void): void {
    this.#data.add(listener);
  }

  onClose(listener: () => void): void {
    this.#close.add(listener);
  }

  /** Output arrives asynchronously, as it does from a socket. */
  print(text: string): void {
    setImmediate(() => {
      if (!this.#closed) for (const listener of this.#data) listener(text);
    });
  }

  hangUp(): void {
    setImmediate(() => {
      this.#closed = true;
      for (const listener of this.#close) listener();
    });
  }

  /** For programs: the next line typed, echoed or not (a password prompt turns echo off). */
  readLine(echo: boolean): Promise<string> {
    this.#echo = echo;
    return new Promise((resolve) => (this.#lineWaiter = resolve));
  }

  write(text: string): void {
    this.typed.push(text);
    for (const char of text) {
      if (char === '\n') {
        const line = this.#pending;
        this.#pending = '';
        this.print(this.#echo ? '\r\n\u001b[?2004l\r' : '\r\n');
        this.#accept(line);
      } else {
        this.#pending += char;
        if (this.#echo) this.print(char);
      }
    }
  }

  #accept(line: string): void {
    const waiter = this.#lineWaiter;
    if (waiter !== null) {
      this.#lineWaiter = null;
      this.#echo = true;
      waiter(line);
      return;
    }
    void this.#run(line);
  }

  async #run(line: string): Promise<void> {
    const [name = '', ...rest] = line.trim().split(' ');
    const program = this.#programs[name];
    if (name === 'exit') {
      this.print('logout\r\n');
      this.hangUp();
      return;
    }
    if (program === undefined) {
      if (name !== '') this.print(`-bash: ${name}: command not found\r\n`);
    } else {
      await program(rest.join(' '), this);
    }
    this.print(this.#prompt);
  }
}

/** A passwd that asks twice with echo off, like Debian's as root. */
export const passwd: Program = async (_user, terminal) => {
  terminal.print('New password: ');
  const first = await terminal.readLine(false);
  terminal.print('Retype new password: ');
  const second = await terminal.readLine(false);
  terminal.print(
    first === second ? 'passwd: password updated successfully\r\n' : 'Sorry, passwords do not match.\r\n',
  );
};

/** An `id` that knows the given users. */
export const idFor =
  (users: readonly string[]): Program =>
  (user, terminal) => {
    terminal.print(
      users.includes(user)
        ? `uid=1001(${user}) gid=1001(${user}) groups=1001(${user})\r\n`
        : `id: '${user}': no such user\r\n`,
    );
  };

/**
 * The ownership checks every SQL and LDAP plugin has, against its lab server: accountLogsIn is the
 * proof a rollback needs (the account logs in with the session's password), accountEnabled what
 * an Enable/Disable session reads first, following the plugin's own built-in disable and enable.
 * Each plugin's test file adds what is its own (case rules, limits, expiry).
 */
import { afterAll, afterEach, expect, it } from 'vitest';
import type {
  ConnectionLogin,
  PluginRuntime,
  RunResult,
  TagValues,
  TargetEndpoint,
} from '../../../electron/plugins/plugin-runtime';
import { randomPassword } from '../../lab/secrets';

export interface OwnershipLab {
  readonly plugin: Pick<PluginRuntime, 'accountLogsIn' | 'accountEnabled'>;
  readonly target: () => TargetEndpoint;
  readonly adminLogin: () => ConnectionLogin;
  readonly roundTripName: () => string;
  readonly tagsFor: (username: string) => TagValues;
  readonly runTemplate: (key: string, tags: TagValues) => Promise<RunResult>;
  /** Removes an account the test made (as the lab's administrator). */
  readonly remove: (name: string) => Promise<void>;
  readonly closeAdmin: () => Promise<void>;
  /** The built-in templates' keys. */
  readonly templates: { readonly create: string; readonly disable: string; readonly enable: string };
  /** What the target calls an account (role, account, entry), for the tests' names. */
  readonly noun: string;
}

/** Registers the shared tests; answers the helpers for the file's own. */
export function ownershipChecks(lab: OwnershipLab) {
  const made: string[] = [];
  afterEach(async () => {
    for (const name of made.splice(0)) await lab.remove(name);
  });
  afterAll(lab.closeAdmin);

  const newAccount = async (): Promise<{ name: string; password: string }> => {
    const name = lab.roundTripName();
    made.push(name);
    const tags = lab.tagsFor(name);
    const created = await lab.runTemplate(lab.templates.create, tags);
    expect(created.failure).toBeNull();
    return { name, password: tags.NEW_PASSWORD ?? '' };
  };
  const request = (username: string) => ({ target: lab.target(), login: lab.adminLogin(), username });
  const logsIn = (username: string, password: string) =>
    lab.plugin.accountLogsIn({ ...request(username), password });
  const enabled = (username: string) => lab.plugin.accountEnabled(request(username));

  it(`accountLogsIn: true with the password it was created with; false with another, or no such ${lab.noun}`, async () => {
    const { name, password } = await newAccount();
    expect(await logsIn(name, password)).toBe(true);
    expect(await logsIn(name, randomPassword())).toBe(false);
    expect(await logsIn(lab.roundTripName(), password)).toBe(false);
  });

  it(`accountEnabled follows the built-in disable and enable; a disabled ${lab.noun} does not log in either`, async () => {
    const { name, password } = await newAccount();
    expect(await enabled(name)).toBe(true);
    expect((await lab.runTemplate(lab.templates.disable, lab.tagsFor(name))).failure).toBeNull();
    expect(await enabled(name)).toBe(false);
    expect(await logsIn(name, password)).toBe(false);
    expect((await lab.runTemplate(lab.templates.enable, lab.tagsFor(name))).failure).toBeNull();
    expect(await enabled(name)).toBe(true);
    expect(await enabled(lab.roundTripName())).toBe(false);
  });

  return { newAccount, logsIn, enabled };
}

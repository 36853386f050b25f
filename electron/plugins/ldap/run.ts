import type { RunRequest, RunResult } from '../plugin-runtime';
import {
  elapsedSince,
  failureKind,
  Interrupted,
  lingerKey,
  Masker,
  messageOf,
  oneLine,
  Refusal,
  resolveTimeouts,
  RunRecorder,
  runSecrets,
  withDerivedTags,
} from '../tag-engine';
import { escapeDnValue } from './dn';
import { ldapConnections, ldapUrl, openLdap } from './connection';
import { describeLdapError } from './errors';
import { bindPassword, executeLdap, type Selection } from './execute';
import { escapeFilterValue } from './filter';
import { prepareLdapOperations, type LdapOperation } from './operations';

/** A bind that fails is an authentication failure (kind 'connect'), wherever it is. */
const kindOf = (operation: LdapOperation, error: unknown): ReturnType<typeof failureKind> =>
  operation.kind === 'bind' && !(error instanceof Interrupted) ? 'connect' : failureKind(error);

/**
 * Runs an LDAP template on one connection: binds as the login (unless the template starts with
 * its own bind, set-option lines aside), then runs the commands in order; the first failure stops the run.
 */
export async function runLdap(given: RunRequest): Promise<RunResult> {
  const derived = await withDerivedTags(given.template, given.tags);
  const request: RunRequest = { ...given, tags: derived.tags };
  const masker = new Masker(runSecrets(request.tags, request.login)).withForms((secret) => [
    escapeDnValue(secret),
    escapeFilterValue(secret),
  ]);
  const recorder = new RunRecorder(masker, request.onStep);
  if (derived.refusal !== null)
    return recorder.fail('refused', derived.refusal.line, derived.refusal.message);
  let operations: LdapOperation[];
  try {
    operations = prepareLdapOperations(request.template, request.tags);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return recorder.fail('refused', error.line, error.message);
  }
  if (request.signal?.aborted === true) return recorder.fail('canceled', null, 'Canceled before connecting');

  const timeouts = resolveTimeouts(request.timeouts);
  // Read before connecting: a Lock while this run goes on means its connection is not kept.
  const since = ldapConnections.generation;
  const connection = openLdap(request.target, timeouts, request.signal);
  let succeeded = false;
  try {
    const { login } = request;
    // set-option lines come first and send nothing: the template's own bind may follow them.
    const ownBind = operations.find((o) => o.kind !== 'set-option')?.kind === 'bind';
    if (!ownBind && login.username !== '') {
      try {
        const bind = Promise.resolve().then(() =>
          connection.client.bind(login.username, bindPassword(login.password)),
        );
        await connection.guard(bind, `binding to ${ldapUrl(request.target)}`, true);
        connection.bound = login.username;
      } catch (error) {
        const kind = error instanceof Interrupted ? error.kind : 'connect';
        const message = error instanceof Interrupted ? error.message : describeLdapError(error);
        return recorder.fail(
          kind,
          null,
          `Could not bind to ${ldapUrl(request.target)} as ${login.username}: ${message}`,
        );
      }
    }
    const selection: Selection = { entries: [] };
    // The first operation opens the socket when there was no login bind: it gets the connect timeout.
    let first = ownBind || login.username === '';
    for (const operation of operations) {
      const began = performance.now();
      try {
        const work = executeLdap(connection.client, operation, selection, login);
        const output = await connection.guard(work, `running line ${operation.line}`, first);
        if (operation.kind === 'bind') connection.bound = operation.dn;
        recorder.step(operation.line, operation.display, output, true, elapsedSince(began));
      } catch (error) {
        const kind = kindOf(operation, error);
        const message = error instanceof Interrupted ? messageOf(error) : describeLdapError(error);
        recorder.step(operation.line, operation.display, message, false, elapsedSince(began));
        return recorder.fail(
          kind,
          operation.line,
          `Line ${operation.line}: ${oneLine(operation.display)}: ${message}`,
          message,
        );
      }
      if (operation.kind !== 'set-option') first = false;
    }
    succeeded = true;
    return recorder.succeed();
  } finally {
    if (succeeded && request.login.username !== '') {
      await ldapConnections.park(lingerKey(request.target, request.login), connection, true, since);
    } else {
      await connection.close();
    }
  }
}

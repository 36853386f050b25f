import type { credentialsMethods, passwordChangeMethods } from '../../../shared/contract/credentials';
import type { PasswordChangeService } from '../../operations/password-change';
import type { CredentialService } from '../../services/credentials/credential-service';
import { inside, toResult } from '../../services/service-error';
import type { DomainHandlers } from '../handler-types';

/** Thin: the service checks every rule, writes vault then row, audits, emits `credentials.changed`. */
export const credentialsHandlers = (
  credentials: CredentialService,
): DomainHandlers<typeof credentialsMethods> => ({
  'credentials.list': (query) => toResult(() => credentials.list(query)),
  'credentials.options': (query) => toResult(() => credentials.options(query)),
  'credentials.get': ({ id }) => toResult(() => credentials.get(id)),
  'credentials.save': ({ id, credential, password, key, expectedUpdatedAt }, ctx) =>
    toResult(
      () => credentials.save(id, credential, password, ctx.actor, expectedUpdatedAt, key),
      inside('credential', ['password', 'privateKey', 'keyPassphrase']),
    ),
  'credentials.delete': ({ id }, ctx) => toResult(() => credentials.delete(id, ctx.actor)),
  'credentials.revealPassword': ({ id }, ctx) => toResult(() => credentials.revealPassword(id, ctx.actor)),
  'credentials.history': ({ id }) => toResult(() => credentials.history(id)),
  'credentials.exportCsv': (spec, ctx) => toResult(() => credentials.exportCsv(spec, ctx.actor)),
});

/** A stored password changed on the device first, then stored (an operation, audited). */
export const passwordChangeHandlers = (
  service: PasswordChangeService,
): DomainHandlers<typeof passwordChangeMethods> => ({
  'credentials.passwordChangePlan': ({ id }) => toResult(() => service.plan(id)),
  'credentials.changePassword': (request, ctx) => toResult(() => service.change(request, ctx.actor)),
});

import type { CredentialFormRequest } from '../form/form-request';
import type { RowTarget } from './row-actions';

/** The one dialog the list screen shows at a time. */
export type OpenDialog =
  | { kind: 'form'; request: CredentialFormRequest }
  | { kind: 'reveal' | 'details' | 'history' | 'delete'; target: RowTarget };

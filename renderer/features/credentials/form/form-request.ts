/** What the list asks the Credential dialog for: a new credential, or Edit/Clone of one by id. */
export type CredentialFormRequest = { kind: 'new' } | { kind: 'edit' | 'clone'; id: number };

/**
 * The filter bar's model: text as typed, selects as their option values. On Filter it becomes the
 * contract's `CredentialFilter` (checked with the contract's own schema, so a bad tag is reported
 * beside the Tags field instead of failing the whole list).
 */
import { credentialFilterSchema, type CredentialFilter } from '../../../shared/contract/credentials';
import { credentialStatuses, credentialTypes } from '../../../shared/domain/credential';

export interface FilterDraft {
  username: string;
  device: string;
  jit: '' | 'yes' | 'no';
  status: '' | (typeof credentialStatuses)[number];
  type: '' | (typeof credentialTypes)[number];
  tags: string;
}

export type FilterErrors = Partial<Record<'username' | 'device' | 'tags', string>>;

export const emptyFilterDraft: FilterDraft = {
  username: '',
  device: '',
  jit: '',
  status: '',
  type: '',
  tags: '',
};

/** Tags are typed separated by commas or spaces (a tag itself has neither). */
export const splitTags = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');

export function toFilterDraft(filter: CredentialFilter): FilterDraft {
  return {
    username: filter.username ?? '',
    device: filter.device ?? '',
    jit: filter.jit ?? '',
    status: filter.status ?? '',
    type: filter.type ?? '',
    tags: (filter.tags ?? []).join(', '),
  };
}

export type FilterResult = { ok: true; filter: CredentialFilter } | { ok: false; errors: FilterErrors };

export function fromFilterDraft(draft: FilterDraft): FilterResult {
  const candidate: CredentialFilter = {};
  const username = draft.username.trim();
  const device = draft.device.trim();
  const tags = splitTags(draft.tags);
  if (username) candidate.username = username;
  if (device) candidate.device = device;
  if (draft.jit) candidate.jit = draft.jit;
  if (draft.status) candidate.status = draft.status;
  if (draft.type) candidate.type = draft.type;
  if (tags.length > 0) candidate.tags = tags;
  const parsed = credentialFilterSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, filter: parsed.data };
  const errors: FilterErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (key === 'username' || key === 'device' || key === 'tags') errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

// The shared template machinery of the built-in plugins: finding tags, checking they are known,
// resolving their values, masking secrets, and the run plumbing (timeouts, cancel, step log).
// Escaping is each plugin's: only it knows the context a value lands in.
export { ConnectFailed, failureKind, messageOf, oneLine } from './failures';
export { derivedTags, withDerivedTags, type DerivedTagValues } from './derived-tags';
export { describeProblems, sortProblems, tagProblems } from './check';
export { defaultTimeouts, guarded, Interrupted, resolveTimeouts, type InterruptKind } from './interrupt';
export { MASK, Masker, runSecrets, WITHHELD } from './mask';
export { LineIndex, type TextPosition } from './positions';
export { Refusal } from './refusal';
export { elapsedSince, RunRecorder } from './run-recorder';
export { isKnownTag, isSecretTag, locateTags, tagText, withSecretTags, type TagOccurrence } from './tags';
export { tagValue } from './values';
export {
  AccountCheckFailed,
  probeAccountLogin,
  withAccountConnection,
  type AccountConnection,
  type KeptConnections,
} from './accounts';
export { ConnectionPool } from './connection-pool';
export { ConnectionLinger, lingerKey, type Reusable } from './linger';

/** How operations read on screen: the grid, the filter bar and the dialog say things the same way. */
import { formatDateTime } from '../common/date-time';
import type { ChipProps } from '@mui/material/Chip';
import { operationKinds, type Operation, type OperationStatus } from '../../../shared/domain/operation';
import { findPlugin } from '../../../shared/domain/plugin';

type OperationKind = Operation['kind'];

/** The codes are the wire format; administrators read these. */
export const kindLabels: Record<OperationKind, string> = {
  test: 'Test',
  cli: 'Command line',
  'jit-enable': 'JIT enable',
  'jit-disable': 'JIT disable',
  'jit-create': 'JIT creation',
  'jit-delete': 'JIT deletion',
  verify: 'Verify',
  'end-sessions': 'End sessions',
  'password-change': 'Password change',
};

export const kindOptions = operationKinds.map((kind) => ({ value: kind, label: kindLabels[kind] }));

export const statusColors: Record<OperationStatus, ChipProps['color']> = {
  Scheduled: 'default',
  Running: 'info',
  Successful: 'success',
  Error: 'error',
  Canceled: 'warning',
};

/** The plugin's display name; the id itself if this build does not know it. */
export const pluginName = (id: string): string => findPlugin(id)?.name ?? id;

/**
 * "Create Linux user v3": a template's name with the version that ran; "… (draft)" for a test of
 * the editor's unsaved text (it keeps the text it ran); the name alone for older version-less runs.
 */
export const templateLabel = (
  op: Pick<Operation, 'templateName' | 'templateVersion' | 'templateContent'>,
): string =>
  op.templateVersion !== null
    ? `${op.templateName} v${op.templateVersion}`
    : op.templateContent === undefined
      ? op.templateName
      : `${op.templateName} (draft)`;

/** A time as every screen writes it (common/date-time.ts), for the text-only places (transcripts). */
export const formatTime = formatDateTime;

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

import Chip from '@mui/material/Chip';
import type { OperationStatus } from '../../../shared/domain/operation';
import { statusColors } from './operation-format';

/** The status in a colour, with its word: the colour alone would not reach every reader. */
export function OperationStatusChip({ status }: { status: OperationStatus }) {
  return <Chip size="small" label={status} color={statusColors[status]} variant="outlined" />;
}

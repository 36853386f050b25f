import Chip from '@mui/material/Chip';
import type { SessionState } from '../../../shared/domain/session';
import { stateColors, stateLabel } from './session-format';

/** The state in a colour, with its word: the colour alone would not reach every reader. */
export function SessionStateChip({ state }: { state: SessionState }) {
  return <Chip size="small" label={stateLabel(state)} color={stateColors[state]} variant="outlined" />;
}

import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import { useId, useState } from 'react';
import type { SessionPluginId } from '../../../shared/domain/session';

/** What each choice opens, as the user knows it. */
export const sessionProtocolLabels: Record<SessionPluginId, string> = {
  ssh: 'SSH: a terminal',
  postgresql: 'PostgreSQL: an SQL console',
  mysql: 'MySQL/MariaDB: an SQL console',
};

/**
 * Start session for a plain credential whose device lists several protocols a session can use:
 * which one. The first choice (the core's default, plainSessionPlugin) is selected.
 */
export function ProtocolChoiceDialog({
  label,
  choices,
  onStart,
  onCancel,
}: {
  label: string;
  choices: readonly SessionPluginId[];
  onStart: (pluginId: SessionPluginId) => void;
  onCancel: () => void;
}) {
  const [chosen, setChosen] = useState<SessionPluginId | undefined>(choices[0]);
  const titleId = useId();
  return (
    <Dialog open onClose={onCancel} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>Start session</DialogTitle>
      <DialogContent>
        <DialogContentText>{`${label} can open a session in several ways. Which one?`}</DialogContentText>
        <RadioGroup
          aria-label="Protocol"
          value={chosen ?? ''}
          onChange={(event) => setChosen(choices.find((c) => c === event.target.value))}
        >
          {choices.map((choice, i) => (
            <FormControlLabel
              key={choice}
              value={choice}
              control={<Radio autoFocus={i === 0} />}
              label={sessionProtocolLabels[choice]}
            />
          ))}
        </RadioGroup>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          variant="contained"
          disabled={chosen === undefined}
          onClick={() => chosen !== undefined && onStart(chosen)}
        >
          Start session
        </Button>
      </DialogActions>
    </Dialog>
  );
}

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { Operation } from '../../../shared/domain/operation';
import type { Template } from '../../../shared/domain/template';

export interface LeftAccountNoteProps {
  /** The successful run of a creation template. */
  operation: Operation;
  /** Deletion templates that can remove the account, the likeliest first. */
  removers: readonly Template[];
  /** Runs `remover` on the same device, as the same credential, on the account the run made. */
  onRemove: (remover: Template) => void;
}

/**
 * A test of a creation template leaves its account on the target: said plainly, with the
 * deletion template to run right here (a test run like any other, audited the same way). Shown
 * only once the run is over, so no other run is going on.
 */
export function LeftAccountNote({ operation, removers, onRemove }: LeftAccountNoteProps) {
  const [chosen, setChosen] = useState(removers[0] ? String(removers[0].id) : '');
  const remover = removers.find((t) => String(t.id) === chosen);
  return (
    <Alert severity="warning" role="note" aria-label="Account left on the device">
      <Stack spacing={1.5}>
        <span>{`The account ${operation.account} was created on ${operation.deviceLabel} and is still there.`}</span>
        {removers.length === 0 ? (
          <span>No deletion template of this plugin exists: remove the account on the device.</span>
        ) : (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TextField
              select
              size="small"
              label="Deletion template"
              value={chosen}
              onChange={(e) => setChosen(e.target.value)}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              sx={{ minWidth: 260 }}
            >
              {removers.map((t) => (
                <option key={t.id} value={String(t.id)}>
                  {`${t.name}${t.active ? '' : ' (inactive)'}`}
                </option>
              ))}
            </TextField>
            <Button
              variant="outlined"
              disabled={!remover}
              onClick={() => {
                if (remover) onRemove(remover);
              }}
            >
              {`Delete ${operation.account}`}
            </Button>
          </Stack>
        )}
      </Stack>
    </Alert>
  );
}

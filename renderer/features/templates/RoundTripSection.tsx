import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { jitTypeOfExecution } from '../../../shared/domain/jit';
import type { ExecutionType, Template } from '../../../shared/domain/template';

export interface RoundTripSectionProps {
  /** The template under test (one half of a JIT pair). */
  template: Template;
  /** The other half's type. */
  partnerType: ExecutionType;
  /** Templates that complete the pair, likeliest first (see partnerCandidates). */
  partners: readonly Template[];
  pluginName: string;
  partnerId: string;
  onPartner: (partnerId: string) => void;
  error: string | undefined;
  /** A run is in progress: nothing can change. */
  busy: boolean;
  /** The plugin runs in this build. */
  available: boolean;
  onRun: () => void;
}

/**
 * The round trip of a JIT pair's template: both halves run, each followed by a check (create,
 * check, delete, check; or enable, check, disable, check).
 */
export function RoundTripSection({
  template,
  partnerType,
  partners,
  pluginName,
  partnerId,
  onPartner,
  error,
  busy,
  available,
  onRun,
}: RoundTripSectionProps) {
  return (
    <Box
      component="section"
      aria-label="Round trip"
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}
    >
      <Typography variant="h3" sx={{ mb: 0.5 }}>
        Round trip
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {jitTypeOfExecution(template.executionType) === 'create_delete'
          ? 'Create the account, check it exists, delete it, check it is gone.'
          : 'Enable the account, check it, disable it, check it. The account must exist already: type it in Account.'}
      </Typography>
      {partners.length === 0 ? (
        <Typography variant="body2">
          {`No ${partnerType} template of ${pluginName} yet: create one (or clone a built-in) to run the round trip.`}
        </Typography>
      ) : (
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
          <TextField
            select
            label="Partner template"
            required
            value={partnerId}
            onChange={(e) => onPartner(e.target.value)}
            disabled={busy}
            error={error !== undefined}
            helperText={error ?? `The ${partnerType} half of the pair`}
            sx={{ flex: 1 }}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            <option value="">Choose a template</option>
            {partners.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {`${p.name} (v${p.version}${p.active ? '' : ', inactive'})`}
              </option>
            ))}
          </TextField>
          <Button variant="outlined" sx={{ mt: 1 }} disabled={busy || !available} onClick={onRun}>
            Run round trip
          </Button>
        </Stack>
      )}
    </Box>
  );
}

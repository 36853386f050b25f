import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { PluginId } from '../../../shared/domain/plugin';
import { monospace } from './ContentField';
import { syntaxHelp } from './syntax-help';

/** The chosen plugin's template language, from syntax-help.ts. */
export function SyntaxHelpPanel({ pluginId, pluginName }: { pluginId: PluginId; pluginName: string }) {
  const help = syntaxHelp[pluginId];
  return (
    <Stack spacing={1.5} component="section" aria-label={`${pluginName} syntax`}>
      <Typography variant="h3">{`${pluginName} templates`}</Typography>
      <Typography variant="body2">{help.summary}</Typography>
      {help.entries.length > 0 && (
        <Box
          component="dl"
          sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}
        >
          {help.entries.map((e) => (
            <Box key={e.syntax} sx={{ display: 'contents' }}>
              <Typography component="dt" variant="body2" sx={{ fontFamily: monospace }}>
                {e.syntax}
              </Typography>
              <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                {e.meaning}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
      {help.notes.map((n) => (
        <Typography key={n} variant="body2" color="text.secondary">
          {n}
        </Typography>
      ))}
      {help.example !== '' && (
        <>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            Example
          </Typography>
          <Box
            component="pre"
            sx={{
              m: 0,
              p: 1,
              bgcolor: 'action.hover',
              borderRadius: 1,
              fontFamily: monospace,
              fontSize: 12,
              overflow: 'auto',
            }}
          >
            {help.example}
          </Box>
        </>
      )}
    </Stack>
  );
}

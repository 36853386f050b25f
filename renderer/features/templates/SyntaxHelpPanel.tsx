import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { findPlugin, type PluginId } from '../../../shared/domain/plugin';
import { syntaxHelps } from '../../../shared/plugins/syntax';
import type { SyntaxHelp } from '../../../shared/plugins/syntax-help';
import { monospace } from './ContentField';

/**
 * The chosen plugin's template language: its help from shared/plugins/syntax/, the same data the
 * plugin itself references in the core. A plugin not available in this build has none: its
 * catalogue entry says what it would be.
 */
export function SyntaxHelpPanel({ pluginId, pluginName }: { pluginId: PluginId; pluginName: string }) {
  const help = syntaxHelps[pluginId];
  return (
    <Stack spacing={1.5} component="section" aria-label={`${pluginName} syntax`}>
      <Typography variant="h3">{`${pluginName} templates`}</Typography>
      {help ? <PluginHelp help={help} /> : <NoHelp pluginId={pluginId} />}
    </Stack>
  );
}

const code = { fontFamily: monospace, fontSize: 12 } as const;

function PluginHelp({ help }: { help: SyntaxHelp }) {
  return (
    <>
      {help.summary.map((paragraph) => (
        <Typography key={paragraph} variant="body2">
          {paragraph}
        </Typography>
      ))}
      {help.commands.length > 0 && (
        <Box
          component="dl"
          aria-label="Commands"
          sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}
        >
          {help.commands.map((c) => (
            <Box key={c.syntax} sx={{ display: 'contents' }}>
              <Typography component="dt" variant="body2" sx={code}>
                {c.syntax}
              </Typography>
              <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                {c.meaning}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
      {help.notes.map((note) => (
        <Typography key={note} variant="body2">
          {note}
        </Typography>
      ))}
      {help.sections.map((section) => (
        <Box key={section.title} component="section" aria-label={section.title}>
          <Typography component="h4" variant="subtitle2">
            {section.title}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {section.rules.map((rule) => (
              <Typography key={rule} component="li" variant="body2" sx={{ mt: 0.5 }}>
                {rule}
              </Typography>
            ))}
          </Box>
        </Box>
      ))}
      {help.example !== '' && (
        <Box component="section" aria-label="Example">
          <Typography component="h4" variant="subtitle2">
            Example
          </Typography>
          <Box
            component="pre"
            sx={{ ...code, m: 0, mt: 0.5, p: 1, bgcolor: 'action.hover', borderRadius: 1, overflow: 'auto' }}
          >
            {help.example}
          </Box>
        </Box>
      )}
    </>
  );
}

/** A plugin not available in this build: what the catalogue says of it. */
function NoHelp({ pluginId }: { pluginId: PluginId }) {
  const plugin = findPlugin(pluginId);
  return (
    <>
      <Typography variant="body2">{plugin?.description}</Typography>
      <Typography
        variant="body2"
        color="text.secondary"
      >{`Template language: ${plugin?.syntax ?? ''}`}</Typography>
    </>
  );
}

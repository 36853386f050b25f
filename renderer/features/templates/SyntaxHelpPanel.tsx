import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { PluginId } from '../../../shared/domain/plugin';
import { usePluginsStore } from '../../stores/plugins-store';
import { monospace } from './ContentField';
import { syntaxHelp } from './syntax-help';

/**
 * The chosen plugin's template language: the core's own help text (`plugins.list`), which is
 * written beside the plugin's parser and so always matches it. The summary in syntax-help.ts is
 * shown only when the core has none (the list not loaded yet, or a plugin without help).
 */
export function SyntaxHelpPanel({ pluginId, pluginName }: { pluginId: PluginId; pluginName: string }) {
  const coreHelp = usePluginsStore((s) => s.plugins.find((p) => p.id === pluginId)?.help ?? '');
  if (coreHelp.trim() !== '') {
    return (
      <Stack spacing={1.5} component="section" aria-label={`${pluginName} syntax`}>
        <Typography variant="h3">{`${pluginName} templates`}</Typography>
        <Box
          component="pre"
          sx={{ m: 0, fontFamily: monospace, fontSize: 12, lineHeight: 1.5, whiteSpace: 'pre-wrap' }}
        >
          {helpLines(coreHelp).map((line, i) => (
            // A wrapped line continues under its own text (a hanging indent), so the columns of
            // an aligned list stay readable in the narrow panel.
            <Box
              component="span"
              key={i}
              sx={{
                display: 'block',
                pl: `${line.indent}ch`,
                textIndent: `-${line.indent}ch`,
                overflowWrap: 'anywhere',
                minHeight: '1.5em',
              }}
            >
              {line.text}
            </Box>
          ))}
        </Box>
      </Stack>
    );
  }
  return <SummaryHelp pluginId={pluginId} pluginName={pluginName} />;
}

/**
 * Each line of a help text with the indent its wrapped continuation gets: the column where the
 * text of an aligned entry starts (`  exec "text"     type text and Enter`), after a list bullet
 * (`- a rule`), or the line's own indentation.
 */
function helpLines(text: string): { text: string; indent: number }[] {
  return text.split('\n').map((line) => {
    const lead = /^\s*/.exec(line)?.[0].length ?? 0;
    const column = /^(\s*\S+(?: \S+)* {2,})\S/.exec(line)?.[1]?.length;
    const bullet = /^(\s*(?:[-*•]|\d+\.) )/.exec(line)?.[1]?.length;
    const indent = column !== undefined && column <= 32 ? column : (bullet ?? lead);
    return { text: line, indent };
  });
}

/** The fallback: the summarised texts of syntax-help.ts. */
function SummaryHelp({ pluginId, pluginName }: { pluginId: PluginId; pluginName: string }) {
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

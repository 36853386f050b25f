import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { templateTags } from '../../../shared/domain/template-tags';
import { monospace } from './ContentField';

/**
 * Every tag a template may use. Each tag is a button named by the tag itself (`[#USERNAME#]`):
 * clicking it inserts the tag where the cursor was in Content.
 */
export function TagLegend({ onInsert, disabled }: { onInsert: (tag: string) => void; disabled: boolean }) {
  return (
    <Box
      component="ul"
      aria-label="Tag legend"
      sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 0.75 }}
    >
      {templateTags.map((tag) => {
        const text = `[#${tag.name}#]`;
        return (
          <Box
            component="li"
            key={tag.name}
            sx={{ display: 'grid', gridTemplateColumns: '190px 1fr', gap: 1 }}
          >
            <Box>
              <Button
                size="small"
                variant="outlined"
                disabled={disabled}
                onClick={() => onInsert(text)}
                // Keeps Content's selection: the tag goes where the cursor was.
                onMouseDown={(e) => e.preventDefault()}
                sx={{ fontFamily: monospace, fontWeight: 500, py: 0, minWidth: 0 }}
              >
                {text}
              </Button>
            </Box>
            <Typography variant="body2" color="text.secondary">
              {tag.description}
              {tag.secret && ' (secret: masked in every log)'}
            </Typography>
          </Box>
        );
      })}
    </Box>
  );
}

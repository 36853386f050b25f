import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { templateTags, usedUserTags } from '../../../shared/domain/template-tags';
import { monospace } from './ContentField';

const userTagDescription = 'Custom field: from the credential or its device (the credential’s wins)';

/**
 * Every built-in tag a template may use, then the user-defined tags `content` uses. Each tag is a
 * button named by the tag itself (`[#USERNAME#]`): clicking it inserts the tag where the cursor
 * was in Content.
 */
export function TagLegend({
  content,
  onInsert,
  disabled,
}: {
  content: string;
  onInsert: (tag: string) => void;
  disabled: boolean;
}) {
  const userTags = usedUserTags(content).map((name) => ({
    name,
    description: userTagDescription,
    secret: false,
  }));
  return (
    <Box
      component="ul"
      aria-label="Tag legend"
      sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 0.75 }}
    >
      {[...templateTags, ...userTags].map((tag) => {
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

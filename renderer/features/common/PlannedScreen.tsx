import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

export interface PlannedScreenProps {
  /** The screen's name, as its page heading. */
  title: string;
  /** One or two sentences: what the screen is for. */
  summary: string;
  /** What the finished screen will hold. */
  contents: readonly string[];
  /** Which piece of work builds it. */
  builtBy: string;
}

/**
 * A screen that is not built yet says so plainly: its name, what it will hold and what builds it.
 * Deliberately no sample rows, so nobody mistakes it for working data.
 */
export function PlannedScreen({ title, summary, contents, builtBy }: PlannedScreenProps) {
  return (
    <Stack spacing={2} sx={{ maxWidth: 880 }}>
      <Typography variant="h1">{title}</Typography>
      {/* role="note": static information, not an urgent alert for screen readers. */}
      <Alert severity="info" variant="outlined" role="note">
        {`Not built yet. ${builtBy}`}
      </Alert>
      <Typography>{summary}</Typography>
      <Box component="section" aria-label="What this screen will hold">
        <Typography variant="h2" gutterBottom>
          What this screen will hold
        </Typography>
        <Box component="ul" sx={{ m: 0, pl: 3, '& li': { mb: 0.5 } }}>
          {contents.map((item) => (
            <Typography component="li" key={item}>
              {item}
            </Typography>
          ))}
        </Box>
      </Box>
    </Stack>
  );
}

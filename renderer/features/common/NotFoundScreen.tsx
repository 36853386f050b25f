import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useLocation } from 'react-router';
import { paths } from '../../paths';

export function NotFoundScreen() {
  const { pathname } = useLocation();
  return (
    <Stack spacing={2}>
      <Typography variant="h1">Page not found</Typography>
      <Typography>{`There is no screen at ${pathname}.`}</Typography>
      <Link component={RouterLink} to={paths.pam.credentialsAll}>
        Go to PAM Core
      </Link>
    </Stack>
  );
}

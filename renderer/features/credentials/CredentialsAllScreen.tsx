import { CredentialsScreen } from './CredentialsScreen';

/** PAM Core > Credentials > All. */
export function CredentialsAllScreen() {
  return <CredentialsScreen jitOnly={false} />;
}

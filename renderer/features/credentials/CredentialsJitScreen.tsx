import { CredentialsScreen } from './CredentialsScreen';

/** PAM Core > Credentials > Just In Time: the same list, only JIT credentials (the core filters). */
export function CredentialsJitScreen() {
  return <CredentialsScreen jitOnly />;
}

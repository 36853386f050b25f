import { PlannedScreen } from '../common/PlannedScreen';

export function AuditScreen() {
  return (
    <PlannedScreen
      title="Audit"
      summary="Every change and every JIT lifecycle step: who did what, with which template and version, on which device, and the result. Secrets never appear here."
      contents={[
        'The audit log, newest first, filterable by time, actor, action, device and result.',
        'Export of the filtered entries.',
      ]}
      builtBy="The audit issue builds it."
    />
  );
}

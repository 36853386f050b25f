import Button from '@mui/material/Button';
import { lazy, Suspense, useState } from 'react';

// The dialogs are rarely opened: their code loads on first use.
const ExportBundleDialog = lazy(async () => ({
  default: (await import('./ExportBundleDialog')).ExportBundleDialog,
}));
const ImportBundleDialog = lazy(async () => ({
  default: (await import('./ImportBundleDialog')).ImportBundleDialog,
}));

/**
 * Export bundle / Import bundle, on the Devices header: administrators move devices, templates and
 * credentials between labs as one JSON file.
 */
export function TransferButtons() {
  const [open, setOpen] = useState<'none' | 'export' | 'import'>('none');
  const close = () => setOpen('none');
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen('export')}>
        Export bundle
      </Button>
      <Button variant="outlined" onClick={() => setOpen('import')}>
        Import bundle
      </Button>
      <Suspense fallback={null}>
        {open === 'export' && <ExportBundleDialog onClose={close} />}
        {open === 'import' && <ImportBundleDialog onClose={close} />}
      </Suspense>
    </>
  );
}

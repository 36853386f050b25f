import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { sessionPath, startedHereState } from '../../paths';
import { useCredentialsStore } from '../../stores/credentials-store';
import { useSessionsStore } from '../../stores/sessions-store';
import { plainSessionPlugins, type SessionPluginId } from '../../../shared/domain/session';
import { ProtocolChoiceDialog } from '../sessions/ProtocolChoiceDialog';
import { DeleteDialog } from './dialogs/DeleteDialog';
import { DetailsDialog } from './dialogs/DetailsDialog';
import { HistoryDialog } from './dialogs/HistoryDialog';
import { RevealPasswordDialog } from './dialogs/RevealPasswordDialog';
import { downloadText } from '../common/download';
import { announceDeleted } from '../common/save-toast';
import { failureText } from './failure-text';
import { FilterBar } from './FilterBar';
import { CredentialsGrid } from './list/CredentialsGrid';
import { credentialLabel } from './list/grid-rows';
import { EmptyList, ListError } from './list/ListStates';
import type { OpenDialog } from './list/open-dialog';
import type { RowAction, RowTarget } from './list/row-actions';
import { RowActionMenu } from './list/RowActionMenu';
import { ViewActionsMenu } from './ViewActionsMenu';

// The form (tabs, rules, lookups) is the heaviest part after the grid and is needed only on
// + New, Edit or Clone: it loads on first use.
const CredentialFormDialog = lazy(async () => ({
  default: (await import('./form/CredentialFormDialog')).CredentialFormDialog,
}));

type Notice = { severity: 'success' | 'error'; text: string };

const titles = { all: 'Credentials — All', jit: 'Credentials — Just In Time' } as const;

/**
 * Credentials > All and > Just In Time: one screen, `jitOnly` telling the core which. The store
 * holds the query and the page; this component holds only what is on screen now (which menu or
 * dialog is open, the last notice).
 */
export function CredentialsScreen({ jitOnly }: { jitOnly: boolean }) {
  const query = useCredentialsStore((s) => s.query);
  const page = useCredentialsStore((s) => s.page);
  const loading = useCredentialsStore((s) => s.loading);
  const error = useCredentialsStore((s) => s.error);
  const show = useCredentialsStore((s) => s.show);
  const hide = useCredentialsStore((s) => s.hide);
  const applyFilter = useCredentialsStore((s) => s.applyFilter);
  const setSort = useCredentialsStore((s) => s.setSort);
  const setPage = useCredentialsStore((s) => s.setPage);
  const refresh = useCredentialsStore((s) => s.refresh);
  const exportCsv = useCredentialsStore((s) => s.exportCsv);
  const startSession = useSessionsStore((s) => s.start);
  const navigate = useNavigate();

  const [menu, setMenu] = useState<{ anchor: HTMLElement; target: RowTarget } | undefined>();
  const [dialog, setDialog] = useState<OpenDialog | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();

  useEffect(() => {
    show(jitOnly);
    return hide;
  }, [jitOnly, show, hide]);

  // Stable, so the grid's columns (which hold it) are built once.
  const openMenu = useCallback((anchor: HTMLElement, target: RowTarget) => setMenu({ anchor, target }), []);

  // A plain credential whose device lists several protocols a session can use asks which first.
  const [choosing, setChoosing] = useState<
    { target: RowTarget; choices: readonly SessionPluginId[] } | undefined
  >();

  // The core answers at once with the Requested session; its view follows the provisioning.
  const begin = useCallback(
    (target: RowTarget, pluginId?: SessionPluginId) => {
      setNotice(undefined);
      void startSession(target.credential.id, pluginId).then((result) => {
        if (result.ok) return void navigate(sessionPath(result.value.id), { state: startedHereState });
        const label = credentialLabel(target.credential.username, target.device.name);
        setNotice({
          severity: 'error',
          text: `Could not start a session for ${label}: ${failureText(result)}`,
        });
      });
    },
    [startSession, navigate],
  );
  const start = useCallback(
    (target: RowTarget) => {
      const { credential, device } = target;
      const plain = !credential.jit.enabled || credential.jit.type === null;
      const choices = plain ? plainSessionPlugins(device.protocols ?? [], credential.additionalInfo) : [];
      if (choices.length > 1) setChoosing({ target, choices });
      else begin(target);
    },
    [begin],
  );

  const pick = (action: RowAction, target: RowTarget) => {
    const id = target.credential.id;
    const next: Record<RowAction, OpenDialog> = {
      'View password': { kind: 'reveal', target },
      Details: { kind: 'details', target },
      History: { kind: 'history', target },
      Edit: { kind: 'form', request: { kind: 'edit', id } },
      Clone: { kind: 'form', request: { kind: 'clone', id } },
      Delete: { kind: 'delete', target },
    };
    setNotice(undefined);
    setDialog(next[action]);
  };

  const closeDialog = () => setDialog(undefined);
  /** After a save or a delete: the toast has said what happened (save-toast.tsx). */
  const done = () => {
    setDialog(undefined);
    // The core's `credentials.changed` refetches too; this makes the result visible at once.
    void refresh();
  };

  const exportList = async () => {
    setNotice(undefined);
    const result = await exportCsv();
    if (!result.ok) return setNotice({ severity: 'error', text: `Export failed: ${failureText(result)}` });
    downloadText('credentials.csv', result.value.csv, 'text/csv;charset=utf-8');
    const { count } = result.value;
    setNotice({
      severity: 'success',
      text: `Exported ${count} ${count === 1 ? 'credential' : 'credentials'} to credentials.csv`,
    });
  };

  // In the Just In Time view "Just in time" is not the user's filter: the view itself is.
  const filtered = Object.keys(query.filter).some((key) => !(jitOnly && key === 'jit'));
  const hasRows = page !== undefined && page.rows.length > 0;

  return (
    <Stack spacing={2} sx={{ height: '100%', minHeight: 480 }}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h1">{jitOnly ? titles.jit : titles.all}</Typography>
        <ViewActionsMenu
          onNew={() => {
            setNotice(undefined);
            setDialog({ kind: 'form', request: { kind: 'new' } });
          }}
          onRefresh={() => void refresh()}
          onExport={() => void exportList()}
          canExport={page !== undefined}
        />
      </Box>
      <FilterBar applied={query.filter} onApply={applyFilter} jitOnly={jitOnly} />
      {notice && (
        <Alert
          severity={notice.severity}
          role={notice.severity === 'error' ? 'alert' : 'status'}
          onClose={() => setNotice(undefined)}
        >
          {notice.text}
        </Alert>
      )}
      {error && <ListError error={error} onRetry={() => void refresh()} />}
      {page === undefined && !error && <LinearProgress aria-label="Loading the credentials" />}
      {page !== undefined && !hasRows && !loading && <EmptyList filtered={filtered} jitOnly={jitOnly} />}
      {page !== undefined && (hasRows || loading) && (
        <Box sx={{ flex: 1, minHeight: 360 }}>
          <CredentialsGrid
            page={page}
            query={query}
            loading={loading}
            onSort={setSort}
            onPage={setPage}
            onOpenMenu={openMenu}
            onStartSession={start}
          />
        </Box>
      )}

      <RowActionMenu
        anchor={menu?.anchor ?? null}
        target={menu?.target}
        onClose={() => setMenu(undefined)}
        onPick={pick}
      />
      {dialog?.kind === 'form' && (
        <Suspense fallback={null}>
          <CredentialFormDialog request={dialog.request} onClose={closeDialog} onSaved={done} />
        </Suspense>
      )}
      {dialog?.kind === 'reveal' && <RevealPasswordDialog target={dialog.target} onClose={closeDialog} />}
      {choosing && (
        <ProtocolChoiceDialog
          label={credentialLabel(choosing.target.credential.username, choosing.target.device.name)}
          choices={choosing.choices}
          onCancel={() => setChoosing(undefined)}
          onStart={(pluginId) => {
            setChoosing(undefined);
            begin(choosing.target, pluginId);
          }}
        />
      )}
      {dialog?.kind === 'details' && <DetailsDialog target={dialog.target} onClose={closeDialog} />}
      {dialog?.kind === 'history' && <HistoryDialog target={dialog.target} onClose={closeDialog} />}
      {dialog?.kind === 'delete' && (
        <DeleteDialog
          target={dialog.target}
          onClose={closeDialog}
          onDeleted={() => {
            const { credential, device } = dialog.target;
            announceDeleted(`${credentialLabel(credential.username, device.name)} (kept for audit)`);
            done();
          }}
        />
      )}
    </Stack>
  );
}

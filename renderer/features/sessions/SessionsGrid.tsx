import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useMemo } from 'react';
import type { Session } from '../../../shared/domain/session';
import { useSessionsStore } from '../../stores/sessions-store';
import { dateTimeColumnWidth, gridDefaults, serverPaging } from '../common/data-grid';
import { RowActions, type RowAction } from '../common/RowActions';
import { RowMenuHost } from '../common/RowMenuHost';
import { formatTime } from '../operations/operation-format';
import { deviceOf, isInUse, sessionDuration } from './session-format';
import { SessionStateChip } from './SessionStateChip';
import { DateTime } from '../common/DateTime';

/** What a row's three-dots menu can do; the screen opens the dialogs and reports the outcomes. */
export interface SessionRowHandlers {
  onOpen: (session: Session) => void;
  onDetails: (session: Session) => void;
  onEnd: (session: Session) => void;
  onForceClose: (session: Session) => void;
}

/** The entries offered for a session in its state: ending what is in use, the way out of Needs attention. */
export function sessionRowActions(session: Session, h: SessionRowHandlers): RowAction[] {
  const actions: RowAction[] = [
    { label: 'Open', onSelect: () => h.onOpen(session) },
    { label: 'Details', onSelect: () => h.onDetails(session) },
  ];
  if (isInUse(session.state)) actions.push({ label: 'End session', onSelect: () => h.onEnd(session) });
  if (session.state === 'needs_attention') {
    actions.push(
      { label: 'Retry cleanup', onSelect: () => h.onEnd(session) },
      { label: 'Force close', onSelect: () => h.onForceClose(session) },
    );
  }
  return actions;
}

export const sessionRowLabel = (s: Session): string => `${s.account} @ ${deviceOf(s)}`;

const columns = (h: SessionRowHandlers): GridColDef<Session>[] => [
  {
    field: 'state',
    headerName: 'Status',
    width: 140,
    renderCell: ({ row }) => <SessionStateChip state={row.state} />,
  },
  {
    field: 'createdAt',
    headerName: 'Start',
    width: dateTimeColumnWidth,
    valueFormatter: (value: string) => formatTime(value),
    renderCell: ({ row }) => <DateTime iso={row.createdAt} />,
  },
  {
    field: 'endedAt',
    headerName: 'End',
    width: dateTimeColumnWidth,
    valueFormatter: (value: string | null) => formatTime(value, ''),
    renderCell: ({ row }) => <DateTime iso={row.endedAt} empty="" />,
  },
  {
    field: 'duration',
    headerName: 'Duration',
    width: 110,
    // A live row has none yet (the session view counts its time by the second).
    valueGetter: (_value, row) => (row.endedAt === null ? 'Live' : sessionDuration(row, Date.now())),
  },
  { field: 'account', headerName: 'Account used', flex: 1, minWidth: 140 },
  {
    field: 'device',
    headerName: 'Device',
    flex: 0.8,
    minWidth: 110,
    valueGetter: (_v, row) => deviceOf(row),
  },
  { field: 'credentialLabel', headerName: 'Credential', flex: 1.1, minWidth: 150 },
  { field: 'requester', headerName: 'Requester', width: 110 },
  {
    field: 'actions',
    headerName: 'Action',
    width: 80,
    renderCell: ({ row }) => (
      <RowActions rowId={row.id} rowLabel={sessionRowLabel(row)} actions={sessionRowActions(row, h)} />
    ),
  },
];

/** The core pages, filters and orders the sessions (newest first); the grid shows one page. */
export function SessionsGrid({ emptyText, handlers }: { emptyText: string; handlers: SessionRowHandlers }) {
  const sessions = useSessionsStore((s) => s.sessions);
  const total = useSessionsStore((s) => s.total);
  const loading = useSessionsStore((s) => s.loading);
  const paging = useSessionsStore((s) => s.paging);
  const setPaging = useSessionsStore((s) => s.setPaging);
  // Stable columns: the grid rebuilds its column state whenever the array changes.
  const columnDefs = useMemo(() => columns(handlers), [handlers]);
  return (
    <RowMenuHost>
      <DataGrid
        label="Remote sessions"
        rows={sessions}
        columns={columnDefs}
        loading={loading && sessions.length === 0}
        {...gridDefaults}
        {...serverPaging(paging, total, (next) => void setPaging(next))}
        localeText={{ noRowsLabel: emptyText }}
      />
    </RowMenuHost>
  );
}

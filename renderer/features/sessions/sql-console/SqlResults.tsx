import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useMemo } from 'react';
import {
  sqlConsoleRowLimit,
  type SqlRowsResult,
  type SqlRunResult,
} from '../../../../shared/contract/sql-console';
import { gridDefaults } from '../../common/data-grid';
import { lineAndColumn } from './sql-position';
import { bidiShown } from '../../../../shared/domain/text-rules';

const formatMs = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

/** A statement's outcome: the rows in a grid with their count and time, or the server's error. */
export function SqlResults({ result, statement }: { result: SqlRunResult; statement: string }) {
  if (result.kind === 'error') {
    const where = result.position === null ? undefined : lineAndColumn(statement, result.position);
    return (
      <Alert severity="error" role="alert">
        <Box sx={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace' }}>{bidiShown(result.message)}</Box>
        <Typography variant="caption">
          {[
            result.code === null ? undefined : `Code ${bidiShown(result.code)}`,
            where === undefined ? undefined : `at line ${where.line}, column ${where.column}`,
            formatMs(result.durationMs),
          ]
            .filter((part) => part !== undefined)
            .join(' · ')}
        </Typography>
      </Alert>
    );
  }
  return <RowsGrid result={result} />;
}

/** Row objects for the grid, keyed by column index (names may repeat). */
interface GridRow {
  id: number;
  [column: `c${number}`]: string | null;
}

function RowsGrid({ result }: { result: SqlRowsResult }) {
  const columns = useMemo<GridColDef<GridRow>[]>(
    () =>
      result.columns.map((column, i) => ({
        field: `c${i}`,
        headerName: bidiShown(column.name),
        description: bidiShown(column.type),
        flex: 1,
        minWidth: 120,
        sortable: false,
        // NULL is shown apart from any text, "NULL" included.
        renderCell: ({ value }) =>
          value === null ? (
            <Box component="span" sx={{ color: 'text.disabled', fontStyle: 'italic' }}>
              NULL
            </Box>
          ) : (
            bidiShown(String(value))
          ),
      })),
    [result.columns],
  );
  const rows = useMemo(
    () =>
      result.rows.map((row, id) => {
        const out: GridRow = { id };
        row.forEach((value, i) => (out[`c${i}`] = value));
        return out;
      }),
    [result.rows],
  );
  const summary = [
    result.command,
    result.columns.length > 0 ? `${result.rowCount} row${result.rowCount === 1 ? '' : 's'}` : undefined,
    formatMs(result.durationMs),
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(' · ');
  return (
    <Box>
      <Typography variant="body2" aria-label="Result summary" sx={{ mb: 1 }}>
        {bidiShown(summary)}
      </Typography>
      {result.truncated && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {/* The row limit, or the result's text budget when its cells are large: say which. */}
          {`Showing the first ${result.rows.length.toLocaleString('en-US')} rows of ${result.rowCount.toLocaleString('en-US')}` +
            (result.rows.length < sqlConsoleRowLimit
              ? ' (the console keeps at most 8 MiB of text per result).'
              : '.')}
        </Alert>
      )}
      {result.columns.length > 0 && (
        <Box sx={{ height: 400 }}>
          <DataGrid label="Results" rows={rows} columns={columns} {...gridDefaults} disableColumnSorting />
        </Box>
      )}
    </Box>
  );
}

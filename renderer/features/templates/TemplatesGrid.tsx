import type { GridColDef } from '@mui/x-data-grid';
import type { Template } from '../../../shared/domain/template';
import { actionsColumn, ClientListGrid } from '../common/ClientListGrid';

export interface TemplatesGridProps {
  templates: Template[];
  loading: boolean;
  pluginName: (id: string) => string;
  onOpen: (template: Template) => void;
  onClone: (template: Template) => void;
  onDelete: (template: Template) => void;
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

export function TemplatesGrid({
  templates,
  loading,
  pluginName,
  onOpen,
  onClone,
  onDelete,
}: TemplatesGridProps) {
  const columns: GridColDef<Template>[] = [
    { field: 'name', headerName: 'Name', flex: 1.5, minWidth: 200 },
    {
      field: 'pluginId',
      headerName: 'Plugin',
      flex: 0.8,
      minWidth: 120,
      valueGetter: (_value, row) => pluginName(row.pluginId),
    },
    { field: 'executionType', headerName: 'Execution type', width: 160 },
    { field: 'active', headerName: 'Active', width: 80, valueGetter: (_value, row) => yesNo(row.active) },
    { field: 'version', headerName: 'Version', type: 'number', width: 85 },
    { field: 'builtIn', headerName: 'Built-in', width: 90, valueGetter: (_value, row) => yesNo(row.builtIn) },
    actionsColumn((row) => [
      // Built-ins open read-only, so the action says View.
      { label: row.builtIn ? 'View' : 'Edit', onSelect: () => onOpen(row) },
      { label: 'Clone', onSelect: () => onClone(row) },
      ...(row.builtIn ? [] : [{ label: 'Delete', onSelect: () => onDelete(row) }]),
    ]),
  ];
  return (
    <ClientListGrid
      label="Templates"
      rows={templates}
      columns={columns}
      loading={loading}
      onOpen={onOpen}
      emptyText="No templates match."
    />
  );
}

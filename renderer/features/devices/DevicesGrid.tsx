import type { GridColDef } from '@mui/x-data-grid';
import type { Device } from '../../../shared/domain/device';
import { actionsColumn, ClientListGrid } from '../common/ClientListGrid';

export interface DevicesGridProps {
  devices: Device[];
  loading: boolean;
  onEdit: (device: Device) => void;
  onDelete: (device: Device) => void;
}

/** The device list; sorting and the quick filters are the grid's own (the list is small and whole). */
export function DevicesGrid({ devices, loading, onEdit, onDelete }: DevicesGridProps) {
  const columns: GridColDef<Device>[] = [
    { field: 'name', headerName: 'Name', flex: 1.2, minWidth: 140 },
    { field: 'address', headerName: 'Address', flex: 1, minWidth: 130 },
    { field: 'type', headerName: 'Type', width: 120 },
    { field: 'vendor', headerName: 'Vendor', flex: 0.8, minWidth: 100 },
    { field: 'product', headerName: 'Product', flex: 0.8, minWidth: 100 },
    { field: 'site', headerName: 'Site', flex: 0.7, minWidth: 90 },
    {
      field: 'tags',
      headerName: 'Tags',
      flex: 1,
      minWidth: 110,
      sortable: false,
      valueGetter: (_value, row) => row.tags.join(', '),
    },
    { field: 'credentialCount', headerName: 'Credentials', type: 'number', width: 105 },
    {
      field: 'active',
      headerName: 'Status',
      width: 95,
      valueGetter: (_value, row) => (row.active ? 'Active' : 'Inactive'),
    },
    actionsColumn((row) => [
      { label: 'Edit', onSelect: () => onEdit(row) },
      { label: 'Delete', onSelect: () => onDelete(row) },
    ]),
  ];
  return (
    <ClientListGrid
      label="Devices"
      rows={devices}
      columns={columns}
      loading={loading}
      onOpen={onEdit}
      emptyText="No devices yet. Add one with + New device."
    />
  );
}

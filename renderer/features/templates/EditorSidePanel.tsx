import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useId, useState } from 'react';
import type { PluginId } from '../../../shared/domain/plugin';
import type { Template } from '../../../shared/domain/template';
import { SyntaxHelpPanel } from './SyntaxHelpPanel';
import { TagLegend } from './TagLegend';
import { VersionHistory } from './VersionHistory';

type Panel = 'tags' | 'help' | 'versions';

export interface EditorSidePanelProps {
  template: Template | undefined;
  pluginId: PluginId;
  pluginName: string;
  /** The content being edited: the legend lists the user-defined tags it uses. */
  content: string;
  readOnly: boolean;
  onInsertTag: (tag: string) => void;
  onUseContent: (content: string) => void;
}

/** The editor's right-hand side: tag legend, syntax help, and (for saved templates) the versions. */
export function EditorSidePanel(props: EditorSidePanelProps) {
  const { template, pluginId, pluginName, readOnly, onInsertTag, onUseContent } = props;
  const [panel, setPanel] = useState<Panel>('tags');
  const id = useId();
  const tab = (value: Panel, label: string) => (
    <Tab
      value={value}
      label={label}
      id={`${id}-${value}`}
      aria-controls={`${id}-${value}-panel`}
      sx={{ minHeight: 40 }}
    />
  );
  return (
    <Box sx={{ minWidth: 0 }}>
      <Tabs
        value={panel}
        onChange={(_e, value: Panel) => setPanel(value)}
        variant="fullWidth"
        sx={{ mb: 1.5, minHeight: 40 }}
      >
        {tab('tags', 'Tags')}
        {tab('help', 'Syntax help')}
        {template && tab('versions', 'Version history')}
      </Tabs>
      <Box role="tabpanel" id={`${id}-${panel}-panel`} aria-labelledby={`${id}-${panel}`}>
        {panel === 'tags' && <TagLegend content={props.content} onInsert={onInsertTag} disabled={readOnly} />}
        {panel === 'help' && <SyntaxHelpPanel pluginId={pluginId} pluginName={pluginName} />}
        {panel === 'versions' && template && (
          <VersionHistory template={template} onUseContent={readOnly ? undefined : onUseContent} />
        )}
      </Box>
    </Box>
  );
}

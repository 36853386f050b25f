import { z } from 'zod';
import { pluginSchema } from '../domain/plugin';
import { defineMethods } from './define';

export const pluginsMethods = defineMethods({
  'plugins.list': {
    summary: 'The built-in plugins (read-only)',
    input: z.undefined(),
    output: z.array(pluginSchema),
  },
});

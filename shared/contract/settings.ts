import { defineEvents, defineMethods } from './define';
import { settingsSchema } from '../domain/settings';
import { z } from 'zod';

export const settingsMethods = defineMethods({
  'settings.get': {
    summary: 'Read the application settings',
    input: z.undefined(),
    output: settingsSchema,
  },
  'settings.set': {
    summary: 'Replace the application settings (the whole form is saved at once)',
    input: settingsSchema,
    output: settingsSchema,
  },
});

export const settingsEvents = defineEvents({
  'settings.changed': settingsSchema,
});

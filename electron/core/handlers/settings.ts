import type { settingsMethods } from '../../../shared/contract/settings';
import { ok } from '../../../shared/result';
import type { SettingsService } from '../../services/settings-service';
import type { DomainHandlers } from '../handler-types';

export const settingsHandlers = (settings: SettingsService): DomainHandlers<typeof settingsMethods> => ({
  'settings.get': () => Promise.resolve(ok(settings.get())),
  'settings.set': async (input, ctx) => ok(await settings.set(input, ctx.actor)),
});

import { defaultSettings, settingsSchema, type Settings } from '../../shared/domain/settings';
import type { EventBus } from '../platform/event-bus';
import type { ConfigStore } from '../storage/config-store';
import type { NoticeBoard } from './notice-board';

const key = 'settings';

export class SettingsService {
  #settings: Settings;

  constructor(
    private readonly store: ConfigStore,
    private readonly events: EventBus,
    notices: NoticeBoard,
  ) {
    const stored = store.get(key);
    if (stored === undefined) {
      this.#settings = defaultSettings;
      return;
    }
    const parsed = settingsSchema.safeParse(stored);
    if (parsed.success) {
      this.#settings = parsed.data;
    } else {
      // Keep the file as it is until the user saves: they may prefer to mend it by hand.
      this.#settings = defaultSettings;
      const issue = parsed.error.issues[0];
      notices.post(
        'warning',
        `The saved settings are invalid (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'}); ` +
          'defaults are in use until you save the Settings form.',
      );
    }
  }

  get(): Settings {
    return structuredClone(this.#settings);
  }

  async set(settings: Settings): Promise<Settings> {
    await this.store.update(key, settings);
    this.#settings = structuredClone(settings);
    this.events.emit('settings.changed', this.get());
    return this.get();
  }
}

import { defaultSettings, settingsSchema, type Settings } from '../../shared/domain/settings';
import { settingChanges } from '../../shared/domain/settings-changes';
import type { AuditTrail } from '../audit/audit-trail';
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
    private readonly audit: AuditTrail,
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

  /** Saves and audits what changed, each field with its value before and after (none is secret). */
  async set(settings: Settings, actor: string): Promise<Settings> {
    const changes = settingChanges(this.#settings, settings);
    await this.store.update(key, settings);
    this.#settings = structuredClone(settings);
    this.events.emit('settings.changed', this.get());
    if (changes.length > 0) {
      await this.audit.record({
        actor,
        action: 'update',
        entity: 'settings',
        entityId: null,
        label: 'Settings',
        fields: changes.map((c) => c.field),
        changes,
        result: 'success',
      });
    }
    return this.get();
  }
}

import type { Settings } from '../../shared/domain/settings';
import type { AuditLog } from '../audit/audit-log';
import type { EventBus } from '../platform/event-bus';
import type { Clock } from '../platform/clock';
import type { ConfigStore, StoreProblem } from '../storage/config-store';
import type { BackendFactory } from '../storage/document-backend';
import { IntentJournal } from '../storage/intent-journal';
import type { SecretVault } from '../vault/secret-vault';
import { ChangeJournal, replayIntent } from './change-journal';
import { CredentialLogins } from './credentials/credential-logins';
import { CredentialService, type CredentialServiceDeps } from './credentials/credential-service';
import { DeviceService } from './device-service';
import {
  sections,
  storedCredentialSchema,
  storedDeviceSchema,
  storedTemplateSchema,
  templateVersionsRowSchema,
} from './stored-records';
import { openRangedTable } from '../storage/ranged-table-loader';
import { openTable } from '../storage/table-loader';
import type { SyntaxCheck } from './template-checks';
import { TemplateService } from './template-service';
import { WriteQueue } from './write-queue';

export interface InventoryOptions {
  readonly dataDir: string;
  /** `config.json`: devices, templates and template versions live beside the settings. */
  readonly config: ConfigStore;
  readonly createBackend: BackendFactory;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly audit: AuditLog;
  readonly vault: SecretVault;
  readonly settings: () => Settings;
  readonly syntaxCheck?: SyntaxCheck;
  /** The credential lists' Session status, from the JIT lifecycle (composed above the services). */
  readonly sessionStatus?: CredentialServiceDeps['sessionStatus'];
}

export interface Inventory {
  readonly devices: DeviceService;
  readonly templates: TemplateService;
  readonly credentials: CredentialService;
  /** How to log in as a credential, for every run (credentials/credential-logins.ts). */
  readonly logins: CredentialLogins;
  /**
   * The one queue the three services write through: an import holds it from its first check to
   * its last write, so no other save slips in between.
   */
  readonly queue: WriteQueue;
  /** How the three services (and an import) write a change with its audit entries. */
  readonly changes: ChangeJournal;
  /**
   * Resolves once a change the app stopped in the middle of at its last run is complete (its
   * rows are already in the tables; this is its audit entries and the end of its record).
   */
  readonly recovered: Promise<void>;
  /** Writes pending credential files now (on quit, like the config store). */
  flush(): void;
  /** Unreadable files or rows set aside while opening; post them as notices. */
  readonly problems: readonly StoreProblem[];
}

/**
 * Devices, templates and credentials, wired together: the credential service first (it reads
 * devices and templates through their tables), then the device and template services, which ask
 * its CredentialUsage who uses a credential (and the device service asks the credential service
 * for the one credential write a device deactivation includes). One write queue serialises the
 * writes of all three.
 */
export function createInventory(options: InventoryOptions): Inventory {
  const now = () => options.clock.now();
  const devices = openTable(options.config, sections.devices, storedDeviceSchema, now);
  const templates = openTable(options.config, sections.templates, storedTemplateSchema, now);
  const versions = openTable(options.config, sections.templateVersions, templateVersionsRowSchema, now);
  const credentials = openRangedTable({
    dataDir: options.dataDir,
    name: 'credentials',
    section: sections.credentials,
    schema: storedCredentialSchema,
    createBackend: options.createBackend,
    now,
  });

  // A change interrupted at the last run is completed before any service reads the tables, and
  // its audit entries logged before any other write (first task on the queue).
  const opened = IntentJournal.open(options.dataDir, now);
  const replay = replayIntent(
    opened.pending,
    opened.journal,
    {
      devices: { table: devices.table, schema: storedDeviceSchema },
      templates: { table: templates.table, schema: storedTemplateSchema },
      templateVersions: { table: versions.table, schema: templateVersionsRowSchema },
      credentials: { table: credentials.table, schema: storedCredentialSchema },
    },
    now,
  );
  const queue = new WriteQueue();
  const recovered = queue.run(() => replay.finish(options.audit));
  const changes = new ChangeJournal({ journal: opened.journal, tail: options.audit, clock: options.clock });
  const common = { audit: options.audit, events: options.events, clock: options.clock, queue, changes };
  const credentialService = new CredentialService({
    ...common,
    table: credentials.table,
    devices: devices.table,
    templates: templates.table,
    vault: options.vault,
    settings: options.settings,
    ...(options.sessionStatus ? { sessionStatus: options.sessionStatus } : {}),
  });
  const deviceService = new DeviceService({
    ...common,
    table: devices.table,
    credentials: credentialService.usage,
    credentialDeactivation: credentialService,
    vault: options.vault,
  });
  const templateService = new TemplateService({
    ...common,
    table: templates.table,
    versions: versions.table,
    credentials: credentialService.usage,
    ...(options.syntaxCheck ? { syntaxCheck: options.syntaxCheck } : {}),
  });
  return {
    devices: deviceService,
    templates: templateService,
    credentials: credentialService,
    logins: new CredentialLogins({
      credentials: credentialService,
      devices: deviceService,
      vault: options.vault,
    }),
    queue,
    changes,
    recovered,
    flush: () => credentials.flush(),
    problems: [
      ...opened.problems,
      ...replay.problems,
      ...devices.problems,
      ...templates.problems,
      ...versions.problems,
      ...credentials.problems,
    ],
  };
}

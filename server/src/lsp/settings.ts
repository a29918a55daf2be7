/**
 * The `kubeready.*` settings, read per document through `workspace/configuration` (so that folder
 * settings apply) and cached until the client says they changed.
 */
import { schemaErrors } from '../config/check';
import { DEFAULT_CONFIG } from '../config/config';
import type { Config } from '../config/config';
import { splitRuleEntries } from '../config/options';
import type { RuleEntry } from '../config/options';
import { DEFAULT_MAX_FILE_SIZE, MEGABYTE } from '../limits';
import { RULE_IDS } from '../rules/index';

/** The settings the server acts on (`kubeready.trace.server` is handled by the client library). */
export interface Settings {
  /** False: no diagnostics and no code actions. */
  enable: boolean;
  /** `kubeready.problems.scope`: problems of open files only, or of every indexed file of the workspace. */
  problemsScope: ProblemsScope;
  /**
   * `kubeready.rules`, `kubeready.trustedRegistries` and `kubeready.ignorePaths` (in `ignore`,
   * relative to the workspace folder), in the config file's shape: a config file's keys win over them.
   */
  config: Config;
  /** `kubeready.limits.maxFileSize` (whole megabytes in the setting), in bytes: larger files are skipped. */
  maxFileSize: number;
}

export type ProblemsScope = 'openFiles' | 'workspace';

export const DEFAULT_SETTINGS: Settings = { enable: true, problemsScope: 'openFiles', config: DEFAULT_CONFIG, maxFileSize: DEFAULT_MAX_FILE_SIZE };

/** Reads the `kubeready` settings section; anything missing or of the wrong type gets its default. */
export function readSettings(section: unknown): Settings {
  const values = section !== null && typeof section === 'object' ? (section as Record<string, unknown>) : {};
  return {
    enable: typeof values.enable === 'boolean' ? values.enable : DEFAULT_SETTINGS.enable,
    problemsScope: readProblemsScope(values),
    config: settingsConfig(values),
    maxFileSize: readMaxFileSize(values),
  };
}

/** `limits.maxFileSize` in bytes: a whole number of megabytes, 1 or more; anything else gives the default. */
function readMaxFileSize(values: Record<string, unknown>): number {
  const limits = values.limits;
  const value = limits !== null && typeof limits === 'object' ? (limits as { maxFileSize?: unknown }).maxFileSize : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value * MEGABYTE : DEFAULT_MAX_FILE_SIZE;
}

/** `problems.scope` of the section (nested, as `workspace/configuration` answers it). */
function readProblemsScope(values: Record<string, unknown>): ProblemsScope {
  const problems = values.problems;
  const scope = problems !== null && typeof problems === 'object' ? (problems as { scope?: unknown }).scope : undefined;
  return scope === 'workspace' ? 'workspace' : 'openFiles';
}

/**
 * The config the settings give. VS Code only warns about values its schema rejects, so each
 * rule entry and list is checked against the config file's schema on its own: a wrong one is left
 * out, the others still apply.
 */
function settingsConfig(values: Record<string, unknown>): Config {
  const entries: Record<string, RuleEntry> = {};
  const rules = values.rules !== null && typeof values.rules === 'object' && !Array.isArray(values.rules) ? (values.rules as Record<string, unknown>) : {};
  for (const [id, entry] of Object.entries(rules)) {
    if (RULE_IDS.has(id) && schemaErrors({ rules: { [id]: entry } }).length === 0) entries[id] = entry as RuleEntry;
  }
  const { rules: severities, ruleOptions } = splitRuleEntries(entries);
  const config: Config = { rules: severities, ignore: validList(values, 'ignorePaths'), trustedRegistries: validList(values, 'trustedRegistries') };
  if (Object.keys(ruleOptions).length > 0) config.ruleOptions = ruleOptions;
  return config;
}

/** A list setting when the config file's schema accepts it, else none. */
function validList(values: Record<string, unknown>, key: 'ignorePaths' | 'trustedRegistries'): string[] {
  const value = values[key];
  return value !== undefined && schemaErrors({ [key]: value }).length === 0 ? (value as string[]) : [];
}

/** Asks the client for the `kubeready` section that applies to a document URI. */
export type SettingsFetcher = (uri: string) => Promise<unknown>;

/** The settings per document URI, asked for once and kept until the client reports a change. */
export class SettingsStore {
  private readonly byUri = new Map<string, Promise<Settings>>();
  private readonly resolved = new Map<string, Settings>();
  private pushed: Settings = DEFAULT_SETTINGS;

  /**
   * @param fetch how to ask the client, or null when the client cannot answer `workspace/configuration`
   *   (then the settings pushed with `workspace/didChangeConfiguration` apply to every document)
   */
  constructor(private readonly fetch: SettingsFetcher | null) {}

  /** The settings for a document. A failed request gives the defaults. */
  get(uri: string): Promise<Settings> {
    if (!this.fetch) return Promise.resolve(this.pushed);
    let settings = this.byUri.get(uri);
    if (!settings) {
      const asked = this.fetch(uri).then(readSettings, () => DEFAULT_SETTINGS);
      settings = asked.then((read) => {
        if (this.byUri.get(uri) === settings) this.resolved.set(uri, read);
        return read;
      });
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  /** The client said the settings changed; `settings` is what `workspace/didChangeConfiguration` carried. */
  changed(settings: unknown): void {
    this.byUri.clear();
    this.resolved.clear();
    const section = settings !== null && typeof settings === 'object' ? (settings as { kubeready?: unknown }).kubeready : undefined;
    this.pushed = readSettings(section);
  }

  /**
   * The settings of a document once `get` has answered for it (the defaults before): for the
   * synchronous checks that run after `get` was awaited.
   */
  known(uri: string): Settings {
    if (!this.fetch) return this.pushed;
    return this.resolved.get(uri) ?? DEFAULT_SETTINGS;
  }

  /** Forgets a closed document's settings. */
  forget(uri: string): void {
    this.byUri.delete(uri);
    this.resolved.delete(uri);
  }
}

/**
 * The `kubeready.*` settings, read per document through `workspace/configuration` (so that folder
 * settings apply) and cached until the client says they changed.
 */

/** The settings the server acts on (`kubeready.trace.server` is handled by the client library). */
export interface Settings {
  /** False: no diagnostics and no code actions. */
  enable: boolean;
  /** `kubeready.problems.scope`: problems of open files only, or of every indexed file of the workspace. */
  problemsScope: ProblemsScope;
}

export type ProblemsScope = 'openFiles' | 'workspace';

export const DEFAULT_SETTINGS: Settings = { enable: true, problemsScope: 'openFiles' };

/** Reads the `kubeready` settings section; anything missing or of the wrong type gets its default. */
export function readSettings(section: unknown): Settings {
  const enable = section !== null && typeof section === 'object' ? (section as { enable?: unknown }).enable : undefined;
  return {
    enable: typeof enable === 'boolean' ? enable : DEFAULT_SETTINGS.enable,
    problemsScope: readProblemsScope(section),
  };
}

/** `problems.scope` of the section (nested, as `workspace/configuration` answers it). */
function readProblemsScope(section: unknown): ProblemsScope {
  const problems = section !== null && typeof section === 'object' ? (section as { problems?: unknown }).problems : undefined;
  const scope = problems !== null && typeof problems === 'object' ? (problems as { scope?: unknown }).scope : undefined;
  return scope === 'workspace' ? 'workspace' : 'openFiles';
}

/** Asks the client for the `kubeready` section that applies to a document URI. */
export type SettingsFetcher = (uri: string) => Promise<unknown>;

/** The settings per document URI, asked for once and kept until the client reports a change. */
export class SettingsStore {
  private readonly byUri = new Map<string, Promise<Settings>>();
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
      settings = this.fetch(uri).then(readSettings, () => DEFAULT_SETTINGS);
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  /** The client said the settings changed; `settings` is what `workspace/didChangeConfiguration` carried. */
  changed(settings: unknown): void {
    this.byUri.clear();
    const section = settings !== null && typeof settings === 'object' ? (settings as { kubeready?: unknown }).kubeready : undefined;
    this.pushed = readSettings(section);
  }

  /** Forgets a closed document's settings. */
  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}

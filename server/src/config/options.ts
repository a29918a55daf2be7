/**
 * Rule options: the settings some rules take besides their severity, written in the config file
 * (or the `kubeready.rules` setting) as `rules: { <id>: { severity?, <option>: … } }`. Every
 * option has a default equal to the rule's behaviour without options.
 */
import type { SeveritySetting } from '../findings';

/** The probe the missing-probe fixes insert. */
export interface ProbeOptions {
  /** The HTTP(S) path the inserted probe GETs. */
  path: string;
  initialDelaySeconds: number;
  periodSeconds: number;
}

/** Names that hold a secret, besides the built-in words (`password`, `token`, …). */
export interface SecretOptions {
  /** Lower-case words; a name holds a secret when one of its words is one of them. */
  secretWords: readonly string[];
}

/** Base images the team accepts although they are large. */
export interface BaseImageOptions {
  /** Image names, with an optional tag, `*` matching any characters: `python`, `ubuntu:22.04`, `node:20*`. */
  allowedImages: readonly string[];
}

/** The options of each rule that has some, by rule id. */
export interface RuleOptions {
  'missing-liveness-probe': ProbeOptions;
  'missing-readiness-probe': ProbeOptions;
  'plaintext-secret': SecretOptions;
  'secret-in-configmap': SecretOptions;
  'large-base-image': BaseImageOptions;
}

/** A rule id that takes options. */
export type RuleWithOptions = keyof RuleOptions;

/** The options a config sets, by rule id: only those it writes (the rest keep their defaults). */
export type RuleOptionSettings = { readonly [K in RuleWithOptions]?: Partial<RuleOptions[K]> };

const PROBE_DEFAULTS: ProbeOptions = { path: '/health', initialDelaySeconds: 5, periodSeconds: 2 };

/** Each option's default: what the rule does when no config sets it. */
export const DEFAULT_RULE_OPTIONS: Readonly<RuleOptions> = {
  'missing-liveness-probe': PROBE_DEFAULTS,
  'missing-readiness-probe': PROBE_DEFAULTS,
  'plaintext-secret': { secretWords: [] },
  'secret-in-configmap': { secretWords: [] },
  'large-base-image': { allowedImages: [] },
};

/** True for the id of a rule that takes options. */
function hasOptions(id: string): id is RuleWithOptions {
  return Object.prototype.hasOwnProperty.call(DEFAULT_RULE_OPTIONS, id);
}

/** The options of a rule under a config: what the config sets over the defaults. */
export function ruleOptions<K extends RuleWithOptions>(settings: RuleOptionSettings | undefined, id: K): RuleOptions[K] {
  return { ...DEFAULT_RULE_OPTIONS[id], ...settings?.[id] } as RuleOptions[K];
}

/** A `rules` entry as written: a severity, or an object with an optional severity and the rule's options. */
export type RuleEntry = SeveritySetting | ({ severity?: SeveritySetting } & Record<string, unknown>);

/**
 * Splits valid `rules` entries into severities and options. Entries must have passed the schema
 * (see config.ts); options of a rule that takes none are not expected there.
 */
export function splitRuleEntries(entries: Readonly<Record<string, RuleEntry>>): { rules: Record<string, SeveritySetting>; ruleOptions: RuleOptionSettings } {
  const rules: Record<string, SeveritySetting> = {};
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  for (const [id, entry] of Object.entries(entries)) {
    if (typeof entry === 'string') {
      rules[id] = entry;
      continue;
    }
    const { severity, ...options } = entry;
    if (severity !== undefined) rules[id] = severity;
    if (Object.keys(options).length > 0 && hasOptions(id)) ruleOptions[id] = options;
  }
  return { rules, ruleOptions: ruleOptions as RuleOptionSettings };
}

/**
 * The options of two layers (settings under a config file): a value the file sets wins; lists
 * add up (settings' words or images and the file's, without repeats).
 */
export function mergeRuleOptions(under: RuleOptionSettings | undefined, over: RuleOptionSettings | undefined): RuleOptionSettings {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const id of new Set([...Object.keys(under ?? {}), ...Object.keys(over ?? {})])) {
    const low = (under as Record<string, Record<string, unknown>> | undefined)?.[id] ?? {};
    const high = (over as Record<string, Record<string, unknown>> | undefined)?.[id] ?? {};
    const options: Record<string, unknown> = { ...low, ...high };
    for (const key of Object.keys(options)) {
      if (Array.isArray(low[key]) && Array.isArray(high[key])) options[key] = [...new Set([...(low[key] as unknown[]), ...(high[key] as unknown[])])];
    }
    merged[id] = options;
  }
  return merged as RuleOptionSettings;
}

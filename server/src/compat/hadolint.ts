/**
 * hadolint's settings, honoured for Dockerfiles so that a project can switch without rewriting them:
 * - `# hadolint ignore=DL3007,DL3008` before an instruction, `# hadolint global ignore=…` anywhere;
 * - `.hadolint.yaml` / `.hadolint.yml` (found walking up from the Dockerfile): `ignored`,
 *   `override.{error,warning,info,style}` and `trustedRegistries`.
 * hadolint codes map to rules (or parts of rules) through compat/ids.ts; codes no rule shares are
 * skipped. `.kubeready.yaml` wins over `.hadolint.yaml` for a rule it configures.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, nearestFile } from '../config/config';
import type { Config, LoadedConfig } from '../config/config';
import { sourceKind } from '../engine';
import type { Severity } from '../findings';
import { yamlErrorMessage } from '../parse-messages';
import type { ForeignConfig } from './foreign';
import { coverage, externalCheck } from './ids';
import type { Coverage, ExternalCheck } from './ids';

export const HADOLINT_CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'] as const;

const PRAGMA = /^#[ \t]*hadolint[ \t]+(global[ \t]+)?ignore[ \t]*=[ \t]*([A-Za-z0-9]+(?:[ \t]*,[ \t]*[A-Za-z0-9]+)*)/;

/** A `# hadolint [global] ignore=…` comment: whether it is global, and what its codes cover here. */
export interface HadolintPragma {
  global: boolean;
  covered: Coverage;
}

/** Reads the comment `text[start, end)` as a hadolint ignore pragma; null when it is none. */
export function readHadolintPragma(text: string, start: number, end: number): HadolintPragma | null {
  const match = PRAGMA.exec(text.slice(start, end));
  if (!match) return null;
  return { global: match[1] !== undefined, covered: hadolintCoverage(match[2].split(',')) };
}

/** What hadolint codes cover here (codes no rule shares cover nothing). */
function hadolintCoverage(codes: readonly string[]): Coverage {
  return coverage(codes.map((code) => externalCheck('hadolint', code)).filter((c): c is ExternalCheck => c !== undefined));
}

/** The nearest `.hadolint.yaml` / `.hadolint.yml` at or above `dir`, or null; `cache` as for `nearestFile`. */
export function findHadolintConfig(dir: string, cache?: Map<string, string | null>): string | null {
  return nearestFile(dir, HADOLINT_CONFIG_NAMES, cache);
}

/** What a `.hadolint.yaml` says, read. */
export interface HadolintSettings {
  ignored: Coverage;
  severities: { coverage: Coverage; severity: Severity }[];
  trustedRegistries: string[];
}

/** hadolint's levels and ours; `style` has no counterpart and becomes `info`. Most severe first. */
const LEVELS: readonly [string, Severity][] = [
  ['error', 'error'],
  ['warning', 'warning'],
  ['info', 'info'],
  ['style', 'info'],
];

/** Reads a `.hadolint.yaml`'s text. Throws `ConfigError` with a plain message when it cannot be used. */
export function parseHadolintConfig(text: string, file: string): HadolintSettings {
  let value: unknown;
  try {
    value = parseYaml(text, { prettyErrors: false });
  } catch (error) {
    throw new ConfigError(file, `cannot be read: ${yamlErrorMessage((error as Error).message)}`);
  }
  if (value === null || value === undefined) return { ignored: hadolintCoverage([]), severities: [], trustedRegistries: [] };
  if (!isRecord(value)) throw new ConfigError(file, 'must be a map of settings (ignored, override, trustedRegistries…)');
  const override = value.override ?? {};
  if (!isRecord(override)) throw new ConfigError(file, `'override' must map error, warning, info or style to lists of rule codes`);
  const unknown = Object.keys(override).find((level) => !LEVELS.some(([name]) => name === level));
  if (unknown) throw new ConfigError(file, `'override.${unknown}' is no hadolint level (one of error, warning, info, style)`);
  const severities = LEVELS.flatMap(([level, severity]) => {
    const codes = stringList(override[level], `override.${level}`, 'rule codes such as DL3008', file);
    return codes.length > 0 ? [{ coverage: hadolintCoverage(codes), severity }] : [];
  });
  return {
    ignored: hadolintCoverage(stringList(value.ignored, 'ignored', 'rule codes such as DL3008', file)),
    severities,
    trustedRegistries: stringList(value.trustedRegistries, 'trustedRegistries', 'registries such as docker.io', file),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A setting that must be a list of strings (absent: empty). Throws `ConfigError` otherwise. */
function stringList(value: unknown, key: string, what: string, file: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new ConfigError(file, `'${key}' must be a list of ${what}`);
  }
  return value;
}

/**
 * A config with a `.hadolint.yaml`'s settings below it: rules the config sets keep its setting,
 * and its `trustedRegistries` win when it lists any.
 */
export function withHadolintSettings(config: Config, settings: HadolintSettings, source: string): Config {
  const own = (c: Coverage): Coverage => ({
    ids: c.ids.filter((id) => config.rules[id] === undefined),
    aspects: new Map([...c.aspects].filter(([id]) => config.rules[id] === undefined)),
  });
  const foreign: ForeignConfig = {
    source,
    ignore: own(settings.ignored),
    severities: settings.severities.map((s) => ({ coverage: own(s.coverage), severity: s.severity })),
  };
  const trustedRegistries = config.trustedRegistries.length > 0 ? config.trustedRegistries : settings.trustedRegistries;
  return { ...config, trustedRegistries, foreign };
}

/** `.hadolint.yaml` files read once each (until `clear()`), layered under the config of each Dockerfile. */
export class HadolintConfigs {
  private readonly settings = new Map<string, HadolintSettings>();
  /** The nearest `.hadolint.yaml` of each folder asked about. */
  private readonly found = new Map<string, string | null>();

  /** The loaded config of `file` with the nearest `.hadolint.yaml` below it, for Dockerfiles. Throws `ConfigError`. */
  layer(loaded: LoadedConfig, file: string): LoadedConfig {
    if (sourceKind(file) !== 'dockerfile') return loaded;
    const found = findHadolintConfig(path.dirname(path.resolve(file)), this.found);
    if (!found) return loaded;
    return { ...loaded, config: withHadolintSettings(loaded.config, this.read(found), found) };
  }

  /** Forgets what was read (after a `.hadolint.yaml` changed). */
  clear(): void {
    this.settings.clear();
    this.found.clear();
  }

  private read(file: string): HadolintSettings {
    let settings = this.settings.get(file);
    if (!settings) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new ConfigError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      settings = parseHadolintConfig(text, file);
      this.settings.set(file, settings);
    }
    return settings;
  }
}

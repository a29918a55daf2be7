/**
 * The project configuration file, `.kubeready.yaml` (or `.kubeready.yml` / `.kubeready.json`),
 * found by walking up from the checked file's folder. Validated against
 * `schemas/kubeready-config.schema.json`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { ForeignConfig } from '../compat/foreign';
import type { SeveritySetting } from '../findings';
import { SchemaFileError } from '../schema/schemas';
import { loadUserSchema } from '../schema/user-schemas';
import type { SchemaMapping, UserSchema } from '../schema/user-schemas';

export const CONFIG_FILE_NAMES = ['.kubeready.yaml', '.kubeready.yml', '.kubeready.json'] as const;

export interface Config {
  /** Severity overrides by rule id; `off` turns a rule off. */
  rules: Readonly<Record<string, SeveritySetting>>;
  /** Globs of files not to check, relative to `dir`. */
  ignore: readonly string[];
  /** Registries images may come from (`untrusted-registry`); empty means the rule has nothing to check. */
  trustedRegistries: readonly string[];
  /** JSON Schemas for custom resources (`schemas:`), read and compiled; absent when the file names none. */
  schemas?: readonly UserSchema[];
  /** What another tool's config file (`.hadolint.yaml`) adds for this file, below this config (compat/hadolint.ts). */
  foreign?: ForeignConfig;
}

export interface LoadedConfig {
  config: Config;
  /** The config file, or null when none was found (defaults apply). */
  path: string | null;
  /** The folder ignore globs are relative to. */
  dir: string | null;
}

export const DEFAULT_CONFIG: Config = { rules: {}, ignore: [], trustedRegistries: [] };
export const NO_CONFIG: LoadedConfig = { config: DEFAULT_CONFIG, path: null, dir: null };

export class ConfigError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ConfigError';
  }
}

let validator: ValidateFunction | null = null;

function schemaPath(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'schemas', 'kubeready-config.schema.json');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('schemas/kubeready-config.schema.json is missing from the installation');
}

function validate(value: unknown): ValidateFunction['errors'] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true });
    validator = ajv.compile(JSON.parse(fs.readFileSync(schemaPath(), 'utf8')));
  }
  return validator(value) ? null : validator.errors ?? [];
}

/**
 * Parses and validates a config file's text. Throws `ConfigError` with a plain message for
 * unreadable YAML/JSON, shapes the schema rejects, and rule ids that do not exist. The schema
 * files it names under `schemas` (relative to `file`'s folder) are read and compiled here.
 */
export function parseConfig(text: string, file: string, knownRuleIds: ReadonlySet<string>): Config {
  let value: unknown;
  try {
    value = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { prettyErrors: false });
  } catch (error) {
    throw new ConfigError(file, `cannot be read: ${(error as Error).message.split('\n')[0]}`);
  }
  if (value === null || value === undefined) return DEFAULT_CONFIG;
  const errors = validate(value);
  if (errors && errors.length > 0) {
    const e = errors[0];
    const where = e.instancePath ? `'${e.instancePath.slice(1).replace(/\//g, '.')}'` : 'the file';
    const allowed = e.keyword === 'enum' ? ` (one of ${(e.params as { allowedValues: string[] }).allowedValues.join(', ')})` : '';
    const extra = e.keyword === 'additionalProperties' ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'` : '';
    throw new ConfigError(file, `${where} ${e.message}${extra}${allowed}`);
  }
  const config = value as Partial<Config>;
  for (const id of Object.keys(config.rules ?? {})) {
    if (!knownRuleIds.has(id)) throw new ConfigError(file, `unknown rule '${id}' in 'rules'`);
  }
  const result: Config = { rules: config.rules ?? {}, ignore: config.ignore ?? [], trustedRegistries: config.trustedRegistries ?? [] };
  const mappings = (value as { schemas?: SchemaMapping[] }).schemas;
  if (mappings) result.schemas = loadSchemas(mappings, file);
  return result;
}

/** Reads the schema files a config names (relative to its folder). Throws `ConfigError` for one that cannot be used. */
function loadSchemas(mappings: readonly SchemaMapping[], file: string): UserSchema[] {
  const dir = path.dirname(path.resolve(file));
  return mappings.map((mapping, index) => {
    try {
      return loadUserSchema(mapping, dir);
    } catch (error) {
      if (!(error instanceof SchemaFileError)) throw error;
      throw new ConfigError(file, `the schema file ${mapping.schema} (schemas item ${index + 1}) ${error.message}`);
    }
  });
}

/** The nearest config file at or above `dir`, or null. */
export function findConfigFile(dir: string): string | null {
  let current = path.resolve(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(current, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/** Reads and validates a config file. Throws `ConfigError`. */
export function loadConfigFile(file: string, knownRuleIds: ReadonlySet<string>): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return { config: parseConfig(text, file, knownRuleIds), path: file, dir: path.dirname(file) };
}

/** Translates a glob (`**`, `*`, `?`, `{a,b}`) to a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let i = 0;
  const pattern = glob.replace(/^\.\//, '');
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 3 : 2;
    } else if (c === '*') {
      source += '[^/]*';
      i++;
    } else if (c === '?') {
      source += '[^/]';
      i++;
    } else if (c === '{') {
      const close = pattern.indexOf('}', i);
      if (close < 0) {
        source += '\\{';
        i++;
      } else {
        source += `(?:${pattern.slice(i + 1, close).split(',').map(escapeRegExp).join('|')})`;
        i = close + 1;
      }
    } else {
      source += escapeRegExp(c);
      i++;
    }
  }
  // A pattern without a slash matches at any depth, as in .gitignore.
  const anywhere = !pattern.includes('/') ? '(?:.*/)?' : '';
  return new RegExp(`^${anywhere}${source}(?:/.*)?$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when the config's `ignore` globs cover `file`. */
export function isIgnoredByConfig(loaded: LoadedConfig, file: string): boolean {
  if (!loaded.dir || loaded.config.ignore.length === 0) return false;
  const relative = path.relative(loaded.dir, path.resolve(file)).split(path.sep).join('/');
  if (relative.startsWith('../')) return false;
  return loaded.config.ignore.some((glob) => globToRegExp(glob).test(relative));
}

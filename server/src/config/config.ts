/**
 * The project configuration file, `.kubeready.yaml` (or `.kubeready.yml` / `.kubeready.json`),
 * found by walking up from the checked file's folder. Validated against
 * `schemas/kubeready-config.schema.json`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ForeignConfig } from '../compat/foreign';
import type { SeveritySetting } from '../findings';
import { SchemaFileError } from '../schema/schemas';
import { loadUserSchema } from '../schema/user-schemas';
import type { SchemaMapping, UserSchema } from '../schema/user-schemas';
import { LineIndex } from '../text';
import { checkConfigText } from './check';
import type { CheckedConfig, ConfigProblem } from './check';
import { mergeRuleOptions, splitRuleEntries } from './options';
import type { RuleEntry, RuleOptionSettings } from './options';

export const CONFIG_FILE_NAMES = ['.kubeready.yaml', '.kubeready.yml', '.kubeready.json'] as const;

export interface Config {
  /** Severity overrides by rule id; `off` turns a rule off. */
  rules: Readonly<Record<string, SeveritySetting>>;
  /** Globs of files not to check, relative to `dir`: `ignorePaths` and the older `ignore` together. */
  ignore: readonly string[];
  /** Registries images may come from (`untrusted-registry`); empty means the rule has nothing to check. */
  trustedRegistries: readonly string[];
  /** Options of the rules that take some (see options.ts), as written; absent ones keep their defaults. */
  ruleOptions?: RuleOptionSettings;
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

/** Where in a config file a problem is: 1-based line and column (UTF-16 code units, as in editors). */
export interface ConfigPosition {
  line: number;
  column: number;
}

export class ConfigError extends Error {
  /**
   * @param problem what is wrong, without the file name
   * @param position where in the file, when known (the message then reads `file:line:col: problem`)
   */
  constructor(readonly file: string, readonly problem: string, readonly position: ConfigPosition | null = null) {
    super(`${file}${position ? `:${position.line}:${position.column}` : ''}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** The `ConfigError` of a problem at offsets of `text`. */
function errorAt(file: string, text: string, problem: ConfigProblem): ConfigError {
  const { line, character } = new LineIndex(text).position(problem.start);
  return new ConfigError(file, problem.message, { line: line + 1, column: character + 1 });
}

/**
 * Parses and validates a config file's text. Throws `ConfigError` (with the line and column of
 * the key or value at fault) for unreadable YAML/JSON, shapes the schema rejects, and rule ids
 * that do not exist. The schema files it names under `schemas` (relative to `file`'s folder) are
 * read and compiled here.
 */
export function parseConfig(text: string, file: string, knownRuleIds: ReadonlySet<string>): Config {
  const checked = checkConfigText(text, file, knownRuleIds);
  const error = checked.problems.find((p) => p.severity === 'error');
  if (error) throw errorAt(file, text, error);
  if (!checked.value) return DEFAULT_CONFIG;
  const read = configOf(checked, file);
  if ('problem' in read) throw errorAt(file, text, read.problem);
  return read.config;
}

/**
 * Every problem of a config file's text, for diagnostics on the file: those of `checkConfigText`,
 * then (when there are no errors) a schema file under `schemas` that cannot be used.
 */
export function configFileProblems(text: string, file: string, knownRuleIds: ReadonlySet<string>): ConfigProblem[] {
  const checked = checkConfigText(text, file, knownRuleIds);
  if (!checked.value) return checked.problems;
  const read = configOf(checked, file);
  return 'problem' in read ? [...checked.problems, read.problem] : checked.problems;
}

/** A valid config value as a `Config`, with its schema files read; or the problem of a schema file that cannot be used. */
function configOf(checked: CheckedConfig, file: string): { config: Config } | { problem: ConfigProblem } {
  const value = checked.value as {
    rules?: Record<string, RuleEntry>;
    ignorePaths?: string[];
    ignore?: string[];
    trustedRegistries?: string[];
    schemas?: SchemaMapping[];
  };
  const { rules, ruleOptions } = splitRuleEntries(value.rules ?? {});
  const config: Config = {
    rules,
    ignore: [...(value.ignorePaths ?? []), ...(value.ignore ?? [])],
    trustedRegistries: value.trustedRegistries ?? [],
  };
  if (Object.keys(ruleOptions).length > 0) config.ruleOptions = ruleOptions;
  if (!value.schemas) return { config };
  const schemas = loadSchemas(value.schemas, file, checked);
  if ('problem' in schemas) return schemas;
  config.schemas = schemas.schemas;
  return { config };
}

/**
 * A config from the `kubeready.*` settings (see lsp/settings.ts) under a config file's: a
 * severity or option value the file sets wins; lists (`trustedRegistries`, list options) add up.
 * `ignore` stays the file's: the settings' globs are relative to the workspace folder, not to the
 * file's, and are matched apart (see `isIgnoredByGlobs`).
 */
export function mergeConfig(settings: Config, file: Config): Config {
  const merged: Config = {
    ...file,
    rules: { ...settings.rules, ...file.rules },
    trustedRegistries: [...new Set([...settings.trustedRegistries, ...file.trustedRegistries])],
  };
  const ruleOptions = mergeRuleOptions(settings.ruleOptions, file.ruleOptions);
  if (Object.keys(ruleOptions).length > 0) merged.ruleOptions = ruleOptions;
  return merged;
}

/** Reads the schema files a config names (relative to its folder); the problem of the first that cannot be used. */
function loadSchemas(mappings: readonly SchemaMapping[], file: string, checked: CheckedConfig): { schemas: UserSchema[] } | { problem: ConfigProblem } {
  const dir = path.dirname(path.resolve(file));
  const schemas: UserSchema[] = [];
  for (const [index, mapping] of mappings.entries()) {
    try {
      schemas.push(loadUserSchema(mapping, dir));
    } catch (error) {
      if (!(error instanceof SchemaFileError)) throw error;
      const message = `The schema file ${mapping.schema} (schemas item ${index + 1}) ${error.message}`;
      return { problem: { ...checked.locate(['schemas', index, 'schema']), message, severity: 'error' } };
    }
  }
  return { schemas };
}

/**
 * The nearest config file at or above `dir`, or null. With a `cache` (folder to answer), each
 * folder is asked of the file system once, whatever the number of files below it.
 */
export function findConfigFile(dir: string, cache?: Map<string, string | null>): string | null {
  return nearestFile(dir, CONFIG_FILE_NAMES, cache);
}

/**
 * The first of `names` found in `dir` or the nearest folder above it, or null. Answers for each
 * folder on the way go into `cache` when one is given, and are taken from it.
 */
export function nearestFile(dir: string, names: readonly string[], cache?: Map<string, string | null>): string | null {
  const current = path.resolve(dir);
  const cached = cache?.get(current);
  if (cached !== undefined) return cached;
  let found = fileIn(current, names);
  if (found === null) {
    const parent = path.dirname(current);
    found = parent === current ? null : nearestFile(parent, names, cache);
  }
  cache?.set(current, found);
  return found;
}

function fileIn(dir: string, names: readonly string[]): string | null {
  for (const name of names) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
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
  return loaded.dir !== null && isIgnoredByGlobs(loaded.config.ignore, loaded.dir, file);
}

/** True when one of `globs`, relative to the folder `dir`, covers `file` (never a file outside `dir`). */
export function isIgnoredByGlobs(globs: readonly string[], dir: string, file: string): boolean {
  if (globs.length === 0) return false;
  const relative = path.relative(dir, path.resolve(file)).split(path.sep).join('/');
  if (relative.startsWith('../') || path.isAbsolute(relative)) return false;
  return globs.some((glob) => globToRegExp(glob).test(relative));
}

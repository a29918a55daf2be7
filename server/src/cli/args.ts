/**
 * The command line of `kubeready`: options, their values, and the usage errors they can raise.
 * Accepts `--name value`, `--name=value`, `-x value` and `--` (everything after it is a path).
 */
import type { Severity, SeveritySetting } from '../findings';
import { DEFAULT_MAX_FILE_SIZE, MEGABYTE } from '../limits';
import { RULE_IDS } from '../rules/index';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';
/** The lowest severity that makes the run fail, or `none` to never fail on findings. */
export type FailOn = Severity | 'none';

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  unsafeFixes: boolean;
  config: string | null;
  failOn: FailOn;
  quiet: boolean;
  verbose: boolean;
  /** `--rule id=severity` overrides, applied over every file's config. */
  rules: Record<string, SeveritySetting>;
  output: string | null;
  /** Exit 1 when the run has more warnings than this (hidden ones included); null for no limit. */
  maxWarnings: number | null;
  /** The path `-` (the file on stdin) is given. */
  stdin: boolean;
  /** The path the file on stdin stands for (`--stdin-filename`); null when not given. */
  stdinFilename: string | null;
  /** Files larger than this many bytes are skipped (`--max-file-size`, given in megabytes). */
  maxFileSize: number;
  help: boolean;
  version: boolean;
}

/** A mistake on the command line: exit code 2, one line on stderr. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The values `--format` accepts. */
export const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github'];
/** The values `--fail-on` accepts. */
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'none'];
const SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

type Flag = 'fix' | 'unsafeFixes' | 'quiet' | 'verbose' | 'help' | 'version';
type Valued = 'format' | 'config' | 'failOn' | 'rule' | 'output' | 'maxWarnings' | 'stdinFilename' | 'maxFileSize';

interface OptionSpec {
  long: string;
  short?: string;
  key: Flag | Valued;
  /** Placeholder for the value in `--help`; absent for flags. */
  value?: string;
  help: string;
}

/** Every option, in the order `--help` lists them. */
export const OPTIONS: readonly OptionSpec[] = [
  { long: 'format', short: 'f', key: 'format', value: 'text|json|sarif|github', help: 'Report format (default: text).' },
  { long: 'output', short: 'o', key: 'output', value: 'file', help: 'Write the report to a file instead of stdout.' },
  { long: 'fix', key: 'fix', help: 'Apply safe fixes, write the files back, then report what is left (with -: print the fixed text, the report on stderr).' },
  { long: 'unsafe-fixes', key: 'unsafeFixes', help: 'With --fix: also apply unsafe fixes that need no input (never "Ignore" comments).' },
  { long: 'config', short: 'c', key: 'config', value: 'file', help: 'Use this config file for every file, instead of the nearest .kubeready.yaml.' },
  { long: 'rule', key: 'rule', value: 'id=severity', help: 'Set a rule to error, warning, info or off; repeat for more rules.' },
  { long: 'fail-on', key: 'failOn', value: 'error|warning|info|none', help: 'Exit with 1 when a finding at or above this level exists (default: error).' },
  { long: 'max-warnings', key: 'maxWarnings', value: 'n', help: 'Also exit with 1 when more than n warnings are left (after --fix; hidden ones count too).' },
  { long: 'quiet', short: 'q', key: 'quiet', help: 'Report errors only; warnings and infos still count for --fail-on and --max-warnings.' },
  { long: 'stdin-filename', key: 'stdinFilename', value: 'path', help: 'With the path -: the file name stdin stands for (kind, config, ignore globs, reported path).' },
  { long: 'max-file-size', key: 'maxFileSize', value: 'MB', help: `Skip files larger than this many megabytes, saying why (default: ${DEFAULT_MAX_FILE_SIZE / MEGABYTE}).` },
  { long: 'verbose', key: 'verbose', help: 'Say on stderr which files were skipped, and why.' },
  { long: 'help', short: 'h', key: 'help', help: 'Show this help and exit.' },
  { long: 'version', short: 'v', key: 'version', help: 'Show the version and exit.' },
];

function defaults(): CliOptions {
  return {
    paths: [],
    format: 'text',
    fix: false,
    unsafeFixes: false,
    config: null,
    failOn: 'error',
    quiet: false,
    verbose: false,
    rules: {},
    output: null,
    maxWarnings: null,
    stdin: false,
    stdinFilename: null,
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    help: false,
    version: false,
  };
}

function findOption(arg: string): { spec: OptionSpec; inline: string | null } | null {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const spec = OPTIONS.find((o) => o.long === name);
    return spec ? { spec, inline: eq < 0 ? null : arg.slice(eq + 1) } : null;
  }
  const spec = OPTIONS.find((o) => o.short === arg[1]);
  if (!spec) return null;
  return { spec, inline: arg.length > 2 ? arg.slice(2) : null };
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be one of ${allowed.join(', ')}, not '${value}'`);
}

/** Reads one `--rule id=severity` value into `rules`. */
function addRule(rules: Record<string, SeveritySetting>, value: string): void {
  const eq = value.indexOf('=');
  if (eq < 0) throw new UsageError(`--rule expects id=severity (for example latest-tag=error), not '${value}'`);
  const id = value.slice(0, eq).trim();
  if (!RULE_IDS.has(id)) throw new UsageError(`--rule: unknown rule '${id}' (kubeready --help lists the rules)`);
  rules[id] = oneOf('rule', value.slice(eq + 1).trim(), SETTINGS);
}

function setValue(options: CliOptions, spec: OptionSpec, value: string): void {
  switch (spec.key) {
    case 'format':
      options.format = oneOf(spec.long, value, FORMATS);
      break;
    case 'failOn':
      options.failOn = oneOf(spec.long, value, FAIL_ON);
      break;
    case 'rule':
      addRule(options.rules, value);
      break;
    case 'maxWarnings':
      if (!/^\d+$/.test(value)) throw new UsageError(`--${spec.long} must be a whole number of 0 or more, not '${value}'`);
      options.maxWarnings = Number(value);
      break;
    case 'maxFileSize':
      if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--${spec.long} must be a whole number of megabytes, 1 or more, not '${value}'`);
      options.maxFileSize = Number(value) * MEGABYTE;
      break;
    case 'config':
    case 'output':
    case 'stdinFilename':
      if (value === '') throw new UsageError(`--${spec.long} needs a file name`);
      options[spec.key] = value;
      break;
    default:
      options[spec.key] = true;
  }
}

/** Parses the arguments after `node kubeready`. Throws `UsageError` on any mistake. */
export function parseArgs(args: readonly string[]): CliOptions {
  const options = defaults();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      options.paths.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    const found = findOption(arg);
    if (!found) throw new UsageError(`unknown option '${arg.split('=')[0]}' (kubeready --help lists the options)`);
    const { spec, inline } = found;
    if (!spec.value) {
      if (inline !== null) throw new UsageError(`--${spec.long} takes no value`);
      setValue(options, spec, '');
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`--${spec.long} needs a value (${spec.value})`);
    setValue(options, spec, value);
  }
  if (options.unsafeFixes && !options.fix) throw new UsageError('--unsafe-fixes works only together with --fix');
  readStdinPath(options);
  if (options.paths.length === 0) options.paths.push('.');
  return options;
}

/** The path `-` (stdin) stands alone; `--stdin-filename` needs it. */
function readStdinPath(options: CliOptions): void {
  const dashes = options.paths.filter((p) => p === '-').length;
  if (dashes > 1) throw new UsageError('the path - (stdin) can be given only once');
  if (dashes === 1 && options.paths.length > 1) throw new UsageError('the path - (stdin) cannot be combined with other paths');
  options.stdin = dashes === 1;
  if (options.stdinFilename !== null && !options.stdin) throw new UsageError('--stdin-filename works only with the path - (stdin)');
}

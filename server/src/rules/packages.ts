/**
 * Shared by the rules about what RUN installs and leaves in the image (`apt-no-install-recommends`,
 * `apt-lists-not-cleaned`, `apk-no-cache`, `pip-no-cache-dir`, `unpinned-package`, `log-to-file`):
 * which package manager a command runs, with its subcommand, options and operands; which paths a
 * RUN cleans or mounts a cache on; which stages end up in the image.
 */
import { programName, type ShellCommand } from '../dockerfile/commands';
import type { Instruction, Word } from '../dockerfile/model';
import { runMounts } from '../dockerfile/mounts';
import { oncePer } from '../memo';

export type PackageManager = 'apt' | 'apk' | 'pip' | 'npm' | 'gem';

export interface PackageOption {
  /** The option word (`-o`, `--no-cache`, `--option=APT::…`). */
  word: Word;
  /** The option's name as written, without any `=value`: `-o`, `--no-install-recommends`. */
  name: string;
  /** The option's value (`--x=value`, `-ovalue`, or the next word for options that take one); `null` for a switch. */
  value: string | null;
  /** The separate word holding the value, when the value is the next word. */
  valueWord: Word | null;
}

/** A command that runs a package manager, read the way that manager reads its arguments. */
export interface PackageCommand {
  manager: PackageManager;
  /** The manager as the command names it, for messages: `apt-get`, `apt`, `pip3`, `python3 -m pip`. */
  program: string;
  command: ShellCommand;
  /** The subcommand word (`install`, `add`, `update`…), `null` when there is none. */
  verb: Word | null;
  /** Every option, before and after the subcommand. */
  options: PackageOption[];
  /** The words after the subcommand that are not options: packages, files, requirement specifiers. */
  operands: Word[];
}

/** How a manager reads its arguments: the options that take the next word as their value. */
interface ManagerSyntax {
  manager: PackageManager;
  values: ReadonlySet<string>;
  /** Words after `--` are not operands (gem passes them to the extension build). */
  stopAtDoubleDash: boolean;
}

const APT: ManagerSyntax = {
  manager: 'apt',
  values: new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release', '-a', '--host-architecture', '-P', '--build-profiles']),
  stopAtDoubleDash: false,
};
const APK: ManagerSyntax = {
  manager: 'apk',
  values: new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--cache-max-age', '--keys-dir', '--repositories-file', '--timeout']),
  stopAtDoubleDash: false,
};
const PIP: ManagerSyntax = {
  manager: 'pip',
  values: new Set([
    '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-t', '--target', '--platform', '--python-version',
    '--implementation', '--abi', '--root', '--prefix', '--src', '-i', '--index-url', '--extra-index-url', '-f',
    '--find-links', '--upgrade-strategy', '--progress-bar', '--no-binary', '--only-binary', '-C', '--config-settings',
    '--global-option', '--install-option', '--report', '--trusted-host', '--cache-dir', '--log', '--proxy', '--retries',
    '--timeout', '--exists-action', '--cert', '--client-cert', '--python', '--use-feature', '--use-deprecated',
    '--root-user-action', '--keyring-provider', '--group',
  ]),
  stopAtDoubleDash: false,
};
const NPM: ManagerSyntax = {
  manager: 'npm',
  values: new Set([
    '--prefix', '--registry', '--cache', '--tag', '-w', '--workspace', '--omit', '--include', '--loglevel', '--userconfig',
    '--globalconfig', '--location', '--install-strategy', '--before', '--ca', '--cafile', '--proxy', '--https-proxy', '--otp',
    '--scope', '--fetch-retries', '--fetch-timeout',
  ]),
  stopAtDoubleDash: false,
};
const GEM: ManagerSyntax = {
  manager: 'gem',
  values: new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '--platform', '-P', '--trust-policy', '--document', '--build-root', '-g', '--file']),
  stopAtDoubleDash: true,
};

const PROGRAMS: Record<string, ManagerSyntax> = { 'apt-get': APT, apt: APT, 'apt-cache': APT, apk: APK, npm: NPM, gem: GEM };
const PIP_PROGRAM = /^pip(?:\d+(?:\.\d+)*)?$/;
const PYTHON_PROGRAM = /^python(?:\d+(?:\.\d+)*)?$/;
/** Python options that take the next word as their value. */
const PYTHON_VALUES = new Set(['-X', '-W']);

/** The package manager a command runs, read with its arguments; `null` for other commands. */
export function packageCommand(command: ShellCommand): PackageCommand | null {
  const argv = command.argv;
  const name = programName(argv[0]?.value);
  if (Object.hasOwn(PROGRAMS, name)) return readArguments(command, PROGRAMS[name], name, 1);
  if (PIP_PROGRAM.test(name)) return readArguments(command, PIP, name, 1);
  if (!PYTHON_PROGRAM.test(name)) return null;
  for (let i = 1; i < argv.length; i++) {
    const value = argv[i].value;
    if (value === '-m') return argv[i + 1]?.value === 'pip' ? readArguments(command, PIP, `${name} -m pip`, i + 2) : null;
    if (!value.startsWith('-') || value === '-c' || value === '-') return null;
    if (PYTHON_VALUES.has(value)) i++;
  }
  return null;
}

/** Reads options, the subcommand and operands from `command.argv[from…]`. */
function readArguments(command: ShellCommand, syntax: ManagerSyntax, program: string, from: number): PackageCommand {
  const result: PackageCommand = { manager: syntax.manager, program, command, verb: null, options: [], operands: [] };
  const argv = command.argv;
  let operandsOnly = false;
  for (let i = from; i < argv.length; i++) {
    const word = argv[i];
    const value = word.value;
    if (operandsOnly) {
      result.operands.push(word);
    } else if (value === '--') {
      if (syntax.stopAtDoubleDash) break;
      operandsOnly = true;
    } else if (value.startsWith('-') && value.length > 1) {
      const option = readOption(argv, i, syntax);
      result.options.push(option);
      if (option.valueWord) i++;
    } else if (!result.verb) {
      result.verb = word;
    } else {
      result.operands.push(word);
    }
  }
  return result;
}

function readOption(argv: readonly Word[], i: number, syntax: ManagerSyntax): PackageOption {
  const word = argv[i];
  const value = word.value;
  const equals = value.indexOf('=');
  if (value.startsWith('--') && equals > 0) return { word, name: value.slice(0, equals), value: value.slice(equals + 1), valueWord: null };
  if (syntax.values.has(value)) {
    const next = argv[i + 1] ?? null;
    return { word, name: value, value: next?.value ?? null, valueWord: next };
  }
  if (!value.startsWith('--') && value.length > 2 && syntax.values.has(value.slice(0, 2))) {
    return { word, name: value.slice(0, 2), value: value.slice(2), valueWord: null };
  }
  return { word, name: value, value: null, valueWord: null };
}

/** The package commands among `commands`, in order. */
function readPackageCommands(commands: readonly ShellCommand[]): readonly PackageCommand[] {
  return commands.map(packageCommand).filter((found): found is PackageCommand => found !== null);
}

const sharedPackageCommands = oncePer(readPackageCommands);

/** The package commands among `commands`, in order: read once per list (an instruction's, shared through `instructionCommands`). */
export function packageCommands(commands: readonly ShellCommand[]): readonly PackageCommand[] {
  return commands.length === 0 ? [] : sharedPackageCommands(commands);
}

/** True when the command has one of the options (by name). */
export function hasOption(command: PackageCommand, ...names: string[]): boolean {
  return command.options.some((o) => names.includes(o.name));
}

/** A path as written, without trailing `/`, `/*` or `/.` (so `/var/lib/apt/lists/*` names the folder). */
export function normalizePath(path: string): string {
  let p = path.replace(/\/{2,}/g, '/');
  for (;;) {
    const trimmed = p.replace(/\/\*$/, '').replace(/\/\.$/, '').replace(/(.)\/$/, '$1');
    if (trimmed === p) return p;
    p = trimmed;
  }
}

/** True when `path` is `folder` or inside it (both absolute and normalized). */
export function isAtOrUnder(path: string, folder: string): boolean {
  return path === folder || folder === '/' || path.startsWith(`${folder}/`);
}

/**
 * True when a command of the list deletes `folder` or all it holds: `rm` of the folder, of
 * `folder/*` or of a folder above it; or `find <folder> … -delete`.
 */
export function removesFolder(commands: readonly ShellCommand[], folder: string): boolean {
  return commands.some((command) => {
    const [program, ...args] = command.argv;
    const name = programName(program?.value);
    const paths = args.map((w) => w.value).filter((v) => v.startsWith('/'));
    if (name === 'rm') return paths.some((p) => isAtOrUnder(folder, normalizePath(p)));
    if (name === 'find') return args.some((w) => w.value === '-delete') && paths.length > 0 && isAtOrUnder(folder, normalizePath(paths[0]));
    return false;
  });
}

/** True when the instruction mounts a cache or a tmpfs on `folder` or a folder above it, so nothing written there stays in the layer. */
export function cacheMountCovers(instruction: Instruction, folder: string): boolean {
  return runMounts(instruction).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== null && isAtOrUnder(folder, normalizePath(m.target)));
}


/**
 * `kubeready [options] [paths…]`: checks Dockerfiles and Kubernetes manifests from the command
 * line. Exit codes: 0 clean (nothing at or above `--fail-on`), 1 findings at or above it or more
 * warnings than `--max-warnings`, 2 usage, config or I/O errors and rule crashes (the other files
 * are still checked). The path `-` reads one file from stdin.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../config/config';
import type { Config } from '../config/config';
import { analyze, applyFixes, fixText, lint, sourceKind } from '../engine';
import { KUSTOMIZATION_FILE_NAMES } from '../kubernetes/kustomize';
import { describeError } from '../lsp/log';
import type { Analysis, FixMode, LintOptions, LintResult } from '../engine';
import { SEVERITIES } from '../findings';
import type { NewFile, Severity } from '../findings';
import { Project } from '../project';
import { RULES } from '../rules/index';
import type { WorkspaceFacts } from '../rules/rule';
import { decodeSource, readSourceFile } from '../source-file';
import type { SourceText } from '../source-file';
import { BOM, endOfLine, nextLineStart } from '../text';
import { contributionOf, workspaceFacts } from '../workspace/index';
import type { FileContribution } from '../workspace/index';
import { FORMATS, OPTIONS, parseArgs, UsageError } from './args';
import type { CliOptions, FailOn } from './args';
import { formatGithub } from './format-github';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { readRulePage } from './rule-help';
import { locateFindings, tooManyWarnings } from './report';
import type { FileReport, RunProblem, RunReport } from './report';
import { collectTargets, ioReason } from './walk';
import type { ReadKind, Target } from './walk';

/** Where the CLI reads and writes; the real process by default, a fake one in tests. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stdout is a terminal (colours allowed). */
  stdoutIsTTY: boolean;
  /** Reads stdin to its end (for the path `-`). */
  readStdin(): Buffer;
}

/** How a file read from stdin without `--stdin-filename` is reported. */
const STDIN_DISPLAY = '<stdin>';

/** Exit codes: clean, findings at or above `--fail-on`, anything else that went wrong. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

function processIo(): CliIo {
  // A closed pipe (`kubeready | head`) is not an error worth a word; other write errors get one line.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.stderr.write(`kubeready: cannot write the report: ${error.message}\n`);
    process.exitCode = EXIT_ERROR;
  });
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    readStdin: () => fs.readFileSync(0),
  };
}

/** The folder of the installed package, its version and home page. */
export function packageInfo(): { root: string; version: string; homepage: string } {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string; homepage?: string };
      if (pkg.name === 'kubeready') return { root: dir, version: pkg.version ?? '0.0.0', homepage: pkg.homepage ?? '' };
    }
    dir = path.dirname(dir);
  }
  throw new Error('package.json of kubeready is missing from the installation');
}

/** The `--help` text: usage, options, formats, exit codes and the rules. */
export function helpText(): string {
  const optionLines = OPTIONS.map((o) => {
    const names = `${o.short ? `-${o.short}, ` : '    '}--${o.long}${o.value ? ` <${o.value}>` : ''}`;
    return `  ${names.padEnd(40)} ${o.help}`;
  });
  const width = Math.max(...RULES.map((r) => r.meta.id.length));
  const ruleLines = RULES.map((r) => `  ${r.meta.id.padEnd(width)}  ${r.meta.title} (${r.meta.defaultSeverity})`);
  return [
    'Usage: kubeready [options] [paths…]',
    '',
    'Checks Dockerfiles and Kubernetes manifests against the practices of "Modernizing',
    'Applications for Kubernetes". Folders are walked (skipping .git, node_modules and the',
    "config's ignorePaths) for Dockerfile, Containerfile, *.dockerfile, Dockerfile.*, *.yaml",
    'and *.yml. A file named on the command line is checked whatever its name. Paths default to ".".',
    'The path - reads one file from stdin: --stdin-filename names it, else it is reported as',
    `${STDIN_DISPLAY} and read as a Dockerfile when its first instruction is FROM or ARG, as YAML otherwise.`,
    '',
    'Options:',
    ...optionLines,
    '',
    `Formats: ${FORMATS.join(', ')}`,
    '  text   path:line:col: severity message [rule-id], then a summary',
    '  json   one object per file: path, kind, findings (line, column, fixes, docs, related), skipped',
    '  sarif  SARIF 2.1.0 for GitHub code scanning: rule help, partial fingerprints (docs/ci.md)',
    '  github GitHub Actions annotations (::warning file=…,line=…::message), then the summary',
    '',
    'Exit codes:',
    '  0  no finding at or above --fail-on, and no more warnings than --max-warnings',
    '  1  a finding at or above --fail-on, or more warnings than --max-warnings (either one is enough)',
    '  2  a usage error, an invalid config, a file that cannot be read or written, or an internal error',
    '',
    'Config: the nearest .kubeready.yaml (or .yml, .json) above each file sets rule severities',
    'and options ("rules"), files to skip ("ignorePaths") and trusted registries',
    '("trustedRegistries"); see docs/configuration.md. A .hadolint.yaml above a Dockerfile, hadolint',
    'ignore comments and kube-linter / kube-score ignore annotations are honoured too (docs/compatibility.md).',
    'Set KUBEREADY_DEBUG=1 to see stack traces.',
    '',
    'Rules (default severity):',
    ...ruleLines,
    '',
  ].join('\n');
}

/** Runs the CLI with `process.argv`-style arguments; returns the exit code. */
export function main(argv: readonly string[], io: CliIo = processIo()): number {
  try {
    const options = parseArgs(argv.slice(2));
    if (options.help) {
      io.stdout(helpText());
      return EXIT_OK;
    }
    if (options.version) {
      io.stdout(`${packageInfo().version}\n`);
      return EXIT_OK;
    }
    return run(options, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`kubeready: ${error instanceof ConfigError ? configMessage(error, io.cwd) : error.message}\n`);
      return EXIT_ERROR;
    }
    io.stderr(`kubeready: internal error: ${describe(error, io)}\n`);
    return EXIT_ERROR;
  }
}

/**
 * An internal error for stderr and the reports: its name and where it was thrown, never its
 * message, which may quote the checked text (a parser's error quotes its input). With
 * KUBEREADY_DEBUG set, the whole stack, message included: the user asked for it.
 */
function describe(error: unknown, io: CliIo): string {
  if (!io.env.KUBEREADY_DEBUG) return describeError(error);
  const e = error instanceof Error ? error : new Error(String(error));
  return e.stack ?? e.message;
}

/** `path` relative to the working folder, `/`-separated. */
function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

/** A config error with the config's path relative to the working folder, and the line and column at fault when known. */
function configMessage(error: ConfigError, cwd: string): string {
  const where = error.position ? `:${error.position.line}:${error.position.column}` : '';
  return `${displayPath(cwd, error.file)}${where}: ${error.problem}`;
}


/** One file read and parsed, ready to lint. */
interface Loaded {
  target: Target;
  display: string;
  kind: ReadKind;
  analysis: Analysis;
  bom: boolean;
  lintOptions: LintOptions;
}

/** Everything one run collects on its way. */
class Run {
  readonly problems: RunProblem[] = [];
  readonly files: FileReport[] = [];
  /** What each file read tells the checks of the others (kustomizations' generators included). */
  readonly contributions: FileContribution[] = [];
  /** The text each contribution's offsets refer to, by display path (for related locations in other files). */
  readonly texts = new Map<string, string>();
  fixesApplied = 0;
  filesFixed = 0;
  /** With `-`: the text read from stdin (null when it is not text); with `--fix`, the fixed text. */
  stdinText: { text: string; bom: boolean } | null = null;
  private readonly brokenConfigs = new Set<string>();

  constructor(
    readonly options: CliOptions,
    readonly io: CliIo,
    readonly project: Project,
  ) {}

  display(file: string): string {
    return displayPath(this.io.cwd, file);
  }

  /** Records a problem and says it on stderr at once. */
  problem(file: string | null, message: string, position: { line: number; column: number } | null = null): void {
    const shown = file === null ? null : this.display(file);
    this.problems.push({ path: shown, message, ...position });
    const where = shown === null ? '' : `${shown}${position ? `:${position.line}:${position.column}` : ''}: `;
    this.io.stderr(`kubeready: ${where}${message}\n`);
  }

  /** Records a rule that threw on a file; its other findings still count. */
  ruleFailure(file: string, ruleId: string, error: Error): void {
    const shown = this.display(file);
    const reason = describe(error, this.io);
    this.problems.push({ path: shown, message: `internal error in rule ${ruleId}: ${reason}`, ruleId });
    this.io.stderr(`kubeready: internal error in rule ${ruleId} on ${shown}: ${reason}\n`);
  }

  /** Says on stderr (with `--verbose`) that a file was skipped. */
  skipped(display: string, reason: string): void {
    if (this.options.verbose) this.io.stderr(`${display}: skipped (${reason})\n`);
  }

  /** The config for a file with the `--rule` overrides, or null when its config is invalid (said once). */
  configFor(file: string): Config | null {
    try {
      const config = this.project.configFor(file).config;
      return { ...config, rules: { ...config.rules, ...this.options.rules } };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (!this.brokenConfigs.has(error.file)) {
        this.brokenConfigs.add(error.file);
        this.problem(error.file, `${error.problem} (files under it are not checked)`, error.position);
      }
      return null;
    }
  }

  isIgnored(file: string): boolean {
    try {
      return this.project.isIgnored(file);
    } catch (error) {
      if (error instanceof ConfigError) return false; // Said when the file's config is read.
      throw error;
    }
  }
}

/** True when the text reads as a Dockerfile: its first instruction is FROM or ARG. */
export function looksLikeDockerfile(text: string): boolean {
  // Lines read in place up to the first instruction: no split of the whole text.
  for (let start = 0; start < text.length; start = nextLineStart(text, start)) {
    const trimmed = text.slice(start, endOfLine(text, start)).trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    return /^(?:from|arg)\s/i.test(trimmed);
  }
  return false;
}

/** Reads and parses one target; null when it is not checked (the reason is already recorded). */
function load(run: Run, target: Target, read: () => SourceText = () => readSourceFile(target.file, run.options.maxFileSize)): Loaded | null {
  const display = run.display(target.file);
  let source: SourceText;
  try {
    source = read();
  } catch (error) {
    run.problem(target.file, ioReason(error));
    return null;
  }
  const kind: ReadKind = target.kind ?? ('text' in source && looksLikeDockerfile(source.text) ? 'dockerfile' : 'yaml');
  const skip = (reason: string): null => {
    run.files.push({ path: display, kind, findings: [], skipped: reason });
    run.skipped(display, reason);
    return null;
  };
  if (target.ignored) return skip(`ignored by ${ignoringConfig(run, target.file)}`);
  if ('skipped' in source) return skip(source.skipped);
  const config = run.configFor(target.file);
  if (!config) return null;
  // The path as the user sees it: a folder named `templates` above the working folder is no Helm chart.
  const analysis = analyze({ text: source.text, path: display, languageId: kind, maxFileSize: run.options.maxFileSize });
  if (!analysis) return skip('neither a Dockerfile nor YAML');
  const isPatch = run.project.isPatch(target.file);
  run.contributions.push(contributionOf(analysis, { isPatch }));
  run.texts.set(display, analysis.text);
  if (analysis.kind === 'skipped') return skip(analysis.reason);
  const lintOptions: LintOptions = { config, isPatch };
  return { target, display, kind, analysis, bom: source.bom, lintOptions };
}

function ignoringConfig(run: Run, file: string): string {
  const configPath = run.project.configFor(file).path;
  return configPath ? run.display(configPath) : 'the config';
}

/** Writes the files fixes create next to `file`, leaving existing ones alone; false when one cannot be written. */
function createFiles(run: Run, file: string, created: readonly NewFile[]): boolean {
  for (const newFile of created) {
    const target = path.join(path.dirname(file), newFile.path);
    try {
      fs.writeFileSync(target, newFile.content, { encoding: 'utf8', flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      run.problem(target, `not created: ${ioReason(error)}`);
      return false;
    }
  }
  return true;
}

/**
 * Lints one file; with `--fix`, fixes it, writes it back and lints what is left. A text from
 * stdin is never written: its fixed text is kept for stdout, and no fix creates files for it.
 */
function check(run: Run, loaded: Loaded, workspace: WorkspaceFacts): LintResult & { text: string } {
  const options = { ...loaded.lintOptions, workspace };
  const first = { ...lint(loaded.analysis, options), text: loaded.analysis.text };
  if (!run.options.fix) return first;
  const stdin = run.options.stdin;
  const mode: FixMode = { unsafe: run.options.unsafeFixes, createFiles: !stdin };
  // The first pass reuses the parse made for the workspace facts; `fixText` goes on from there.
  const step = applyFixes(first.text, first.findings, mode);
  if (step.applied === 0) return first;
  if (!stdin && !createFiles(run, loaded.target.file, step.created)) return first;
  const rest = fixText({ text: step.text, path: loaded.display, languageId: loaded.kind, maxFileSize: run.options.maxFileSize }, options, mode);
  if (stdin) run.stdinText = { text: rest.text, bom: loaded.bom };
  else if (!writeFixed(run, loaded, rest.text, rest.created)) return first;
  run.fixesApplied += step.applied + rest.applied;
  run.filesFixed++;
  return { ...rest.result, text: rest.text };
}

/** Writes a fixed file back and the files its fixes create; false when something cannot be written. */
function writeFixed(run: Run, loaded: Loaded, text: string, created: readonly NewFile[]): boolean {
  try {
    fs.writeFileSync(loaded.target.file, (loaded.bom ? BOM : '') + text, 'utf8');
  } catch (error) {
    run.problem(loaded.target.file, `fixes not written: ${ioReason(error)}`);
    return false;
  }
  return createFiles(run, loaded.target.file, created);
}

function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

/** True when a finding of this severity makes the run fail. */
export function failsOn(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && severityRank(severity) >= severityRank(failOn);
}

/** Lets the project know every kustomization in the run, so patches it lists from other folders are recognised. */
function registerKustomizations(project: Project, targets: readonly Target[]): void {
  for (const target of targets) {
    if (!(KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(path.basename(target.file))) continue;
    try {
      project.registerKustomization(target.file, fs.readFileSync(target.file, 'utf8'));
    } catch {
      // Unreadable: reported when the file itself is loaded.
    }
  }
}

/** Walks the paths given and reads every file found. */
function loadPaths(state: Run): Loaded[] {
  const { options, io, project } = state;
  const roots = options.paths.map((p) => path.resolve(io.cwd, p));
  const missing = roots.findIndex((p) => !fs.existsSync(p));
  if (missing >= 0) throw new UsageError(`${options.paths[missing]}: no such file or folder`);
  const walked = collectTargets(roots, { isIgnored: (file) => state.isIgnored(file) });
  for (const p of walked.problems) state.problem(p.file, p.reason);
  const targets = walked.targets.sort((a, b) => compareText(state.display(a.file), state.display(b.file)));
  registerKustomizations(project, targets);
  return targets.map((t) => load(state, t)).filter((l): l is Loaded => l !== null);
}

/**
 * Reads the file on stdin as if it were at `--stdin-filename` (its kind, config, ignore globs and
 * patch status), else as `<stdin>` in the working folder, its kind guessed from its text.
 */
function loadStdin(state: Run): Loaded[] {
  const named = state.options.stdinFilename;
  const file = path.resolve(state.io.cwd, named ?? STDIN_DISPLAY);
  const target: Target = { file, kind: named === null ? null : sourceKind(named), explicit: true, ignored: named !== null && state.isIgnored(file) };
  const loaded = load(state, target, () => {
    const source = decodeSource(state.io.readStdin(), state.options.maxFileSize);
    if ('text' in source) state.stdinText = source;
    return source;
  });
  return loaded ? [loaded] : [];
}

/** Checks every file and reports; returns the exit code. */
function run(options: CliOptions, io: CliIo): number {
  const project = new Project(options.config ? path.resolve(io.cwd, options.config) : null);
  if (options.config) project.configFor(io.cwd); // An invalid --config stops the run (ConfigError).
  const state = new Run(options, io, project);
  const loaded = options.stdin ? loadStdin(state) : loadPaths(state);
  const workspace = workspaceFacts(state.contributions, (file) => fs.existsSync(path.resolve(io.cwd, file)));
  let hidden = 0;
  let warnings = 0;
  let failed = false;
  for (const file of loaded) {
    const result = check(state, file, workspace);
    for (const failure of result.failures) state.ruleFailure(file.target.file, failure.ruleId, failure.error);
    if (result.findings.some((f) => failsOn(f.severity, options.failOn))) failed = true;
    warnings += result.findings.filter((f) => f.severity === 'warning').length;
    const shown = options.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
    hidden += result.findings.length - shown.length;
    const located = locateFindings(result.text, shown, { textOf: (p) => state.texts.get(p) ?? null, createFiles: !options.stdin });
    state.files.push({ path: file.display, kind: file.kind, findings: located });
  }
  state.files.sort((a, b) => compareText(a.path, b.path));
  if (options.fix) reportFixes(state);
  if (options.fix && options.stdin) printFixedStdin(state);

  const report: RunReport = {
    files: state.files,
    hidden,
    warnings,
    maxWarnings: options.maxWarnings,
    fixMode: options.fix ? { unsafe: options.unsafeFixes } : null,
    failed: failed || tooManyWarnings({ warnings, maxWarnings: options.maxWarnings }),
    problems: state.problems,
  };
  const written = writeReport(state, format(report, options, io));
  if (state.problems.length > 0 || !written) return EXIT_ERROR;
  return report.failed ? EXIT_FINDINGS : EXIT_OK;
}

/** `--fix` with `-`: the fixed text (the input itself when nothing was fixed) on stdout, the BOM kept. */
function printFixedStdin(run: Run): void {
  if (run.stdinText === null) {
    if (run.problems.length === 0) run.problem(null, 'stdin is not text that can be checked: nothing printed');
    return;
  }
  run.io.stdout((run.stdinText.bom ? BOM : '') + run.stdinText.text);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function reportFixes(run: Run): void {
  const n = run.fixesApplied;
  const what = n === 0 ? 'no fixes applied' : `applied ${n} fix${n === 1 ? '' : 'es'} in ${run.filesFixed} file${run.filesFixed === 1 ? '' : 's'}`;
  run.io.stderr(`kubeready: ${what}\n`);
}

function format(report: RunReport, options: CliOptions, io: CliIo): string {
  switch (options.format) {
    case 'json':
      return formatJson(report);
    case 'sarif': {
      const info = packageInfo();
      const rulePage = (ruleId: string): string | null => readRulePage(info.root, ruleId);
      return formatSarif(report, { version: info.version, informationUri: info.homepage, rulePage }, io.cwd);
    }
    case 'github':
      return formatGithub(report);
    default: {
      const color = io.stdoutIsTTY && options.output === null && !reportOnStderr(options) && !io.env.NO_COLOR;
      return formatText(report, { color });
    }
  }
}

/** True when stdout carries the fixed text of stdin, so the report goes to stderr (unless `--output`). */
function reportOnStderr(options: CliOptions): boolean {
  return options.fix && options.stdin;
}

/** Prints the report, or writes it to `--output`. False when the file cannot be written. */
function writeReport(run: Run, text: string): boolean {
  const output = run.options.output;
  if (output === null) {
    if (text === '') return true;
    if (reportOnStderr(run.options)) run.io.stderr(text);
    else run.io.stdout(text);
    return true;
  }
  try {
    fs.writeFileSync(path.resolve(run.io.cwd, output), text, 'utf8');
    return true;
  } catch (error) {
    run.io.stderr(`kubeready: ${output}: cannot write the report: ${ioReason(error)}\n`);
    return false;
  }
}

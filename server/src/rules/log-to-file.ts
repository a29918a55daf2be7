/**
 * `log-to-file`: the container writes its logs into files (a redirection or `tee` in CMD or
 * ENTRYPOINT, a log-file option, `VOLUME /var/log`, `ENV LOG_FILE=…`) instead of stdout and
 * stderr. Only stages that end up in the image are checked; RUN is not (a build step's log is
 * harmless), except that `ln -sf /dev/stdout <file>` in a RUN makes writing to that file fine, as
 * do the same links that official nginx and php Apache images make.
 */
import { instructionCommands, programName, type Redirect, type ShellCommand } from '../dockerfile/commands';
import type { DockerfileModel, Instruction, Word } from '../dockerfile/model';
import { shippedStages } from '../dockerfile/stage-graph';
import type { Span } from '../text';
import { finalImage, officialName } from './base-images';
import { isAtOrUnder, normalizePath } from './packages';
import type { DockerfileContext, Rule } from './rule';

export const logToFile: Rule = {
  meta: {
    id: 'log-to-file',
    title: 'Logs written to a file',
    description: 'The container writes its logs into files instead of stdout and stderr, where `kubectl logs` and the cluster\'s log collectors cannot see them.',
    defaultSeverity: 'warning',
    appliesTo: ['dockerfile'],
    fix: 'none',
  },
  checkDockerfile: check,
};

const LOST = 'a file inside the container: kubectl logs cannot show it, and it is lost when the container is replaced';
/** Redirections that send output (descriptor 1 or 2, or both) into a file. */
const OUTPUT_OPS = new Set(['>', '>>', '>|', '&>', '&>>', '>&']);
/** Options that name the file a program writes its log to (gunicorn, uwsgi, mongod and many others). */
const LOG_FILE_OPTIONS = new Set(['--log-file', '--logfile', '--log_file', '--log-path', '--logpath', '--log_path', '--access-logfile', '--error-logfile', '--logto']);
/** ENV names that point an app at its log file: `LOG_FILE`, `APP_LOG_PATH`, `LOGFILE`. */
const LOG_FILE_ENV = /(?:^|_)LOG_?(?:FILE|PATH)$/i;
/** Names that stand for the standard streams, not a file. */
const STREAM_NAMES = new Set(['-', 'stdout', 'stderr']);
/** Paths that are the container's own stdout or stderr. */
const STD_STREAMS = new Set(['/dev/stdout', '/dev/stderr', '/dev/fd/1', '/dev/fd/2', '/proc/self/fd/1', '/proc/self/fd/2', '/proc/1/fd/1', '/proc/1/fd/2']);

function check(context: DockerfileContext): void {
  const model = context.model;
  const shipped = shippedStages(model);
  const linked = new Set([...stdoutLinks(model, shipped), ...baseImageLinks(context)]);
  for (const stage of model.stages) {
    if (!shipped.has(stage.index)) continue;
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT') checkCommands(context, instruction, linked);
      else if (instruction.keyword === 'VOLUME') checkVolume(context, instruction, linked);
      else if (instruction.keyword === 'ENV') checkEnv(context, instruction, linked);
    }
  }
}

/** The files that RUN instructions of the image turn into links to stdout or stderr (`ln -sf /dev/stdout <file>`). */
function stdoutLinks(model: DockerfileModel, shipped: ReadonlySet<number>): ReadonlySet<string> {
  const links = new Set<string>();
  for (const stage of model.stages) {
    if (!shipped.has(stage.index)) continue;
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      for (const command of instructionCommands(model, instruction)?.commands ?? []) {
        const [program, ...args] = command.argv;
        if (programName(program?.value) !== 'ln') continue;
        const options = args.filter((w) => w.value.startsWith('-')).map((w) => w.value);
        const operands = args.filter((w) => !w.value.startsWith('-')).map((w) => normalizePath(w.value));
        const symbolic = options.some((o) => o === '--symbolic' || /^-[a-zA-Z]*s/.test(o));
        if (symbolic && operands.length === 2 && STD_STREAMS.has(operands[0])) links.add(operands[1]);
      }
    }
  }
  return links;
}

/** The log files of official images that link them to stdout and stderr. */
const NGINX_LINKS = ['/var/log/nginx/access.log', '/var/log/nginx/error.log'];
const PHP_APACHE_LINKS = ['/var/log/apache2/access.log', '/var/log/apache2/error.log', '/var/log/apache2/other_vhosts_access.log'];

/** The files the final image's base links to stdout or stderr: the official nginx image's, and the Apache variants of php. */
function baseImageLinks(context: DockerfileContext): string[] {
  const image = finalImage(context);
  if (!image || image.base.kind !== 'image') return [];
  const ref = image.base.image.occurrence.ref;
  const name = officialName(ref);
  if (name === 'nginx' || ref.canonical === 'nginxinc/nginx-unprivileged') return NGINX_LINKS;
  return name === 'php' && (ref.tag ?? '').split('-').includes('apache') ? PHP_APACHE_LINKS : [];
}

/** True when a path is a stream or a device rather than a file (`-`, `/dev/stdout`, `/proc/self/fd/1`, `/dev/null`). */
function notAFile(path: string): boolean {
  return STREAM_NAMES.has(path.toLowerCase()) || path.startsWith('/dev/') || path.startsWith('/proc/');
}

/** A path that names a log: under /var/log, in a `log` or `logs` folder, or named like `app.log`, `access_log`. */
function looksLikeLog(path: string): boolean {
  const segments = normalizePath(path).toLowerCase().split('/');
  const name = segments.pop() ?? '';
  if (isAtOrUnder(segments.join('/'), '/var/log') || segments.some((s) => s === 'log' || s === 'logs')) return true;
  return /(?:^|[._-])logs?(?:[._-]|$)/.test(name);
}

/** A file target worth reporting: written literally, a real file, not linked to stdout. */
function fileTarget(word: Word, linked: ReadonlySet<string>): string | null {
  const path = word.value;
  if (!path || /[$`]/.test(word.raw) || notAFile(path) || linked.has(normalizePath(path))) return null;
  return path;
}

function checkCommands(context: DockerfileContext, instruction: Instruction, linked: ReadonlySet<string>): void {
  const parsed = instructionCommands(context.model, instruction);
  for (const script of parsed?.scripts ?? []) {
    const last = script.commands[script.commands.length - 1];
    for (const command of script.commands) {
      // Setup steps may write files (a config from a template); the last command is the app itself.
      const matters = (path: string): boolean => command === last || looksLikeLog(path);
      for (const redirect of command.redirects) checkRedirect(context, command, redirect, linked, matters);
      if (programName(command.argv[0]?.value) === 'tee') checkTee(context, command, linked, matters);
      checkOptions(context, command, linked);
    }
  }
}

function checkRedirect(context: DockerfileContext, command: ShellCommand, redirect: Redirect, linked: ReadonlySet<string>, matters: (path: string) => boolean): void {
  if (!OUTPUT_OPS.has(redirect.op) || !redirect.target || (redirect.fd !== null && redirect.fd !== 1 && redirect.fd !== 2)) return;
  if (redirect.op === '>&' && /^(?:\d+|-)$/.test(redirect.target.value)) return; // 2>&1: a copy of another descriptor
  const path = fileTarget(redirect.target, linked);
  if (path === null || !matters(path)) return;
  const both = redirect.op.startsWith('&') || redirect.op === '>&';
  const what = both ? 'output and errors go' : redirect.fd === 2 ? 'errors go' : 'output goes';
  context.report({
    ...redirect.range,
    message: `The ${what.replace(/ (go|goes)$/, '')} of ${commandName(command)} ${what.split(' ').pop()} to ${path}, ${LOST}. Log to stdout and stderr instead.`,
  });
}

function checkTee(context: DockerfileContext, command: ShellCommand, linked: ReadonlySet<string>, matters: (path: string) => boolean): void {
  for (const word of command.argv.slice(1)) {
    if (word.value.startsWith('-')) continue;
    const path = fileTarget(word, linked);
    if (path === null || !matters(path)) continue;
    context.report({
      ...word.range,
      message: `tee also copies the output into ${path}, a file that grows inside the container and is lost when the container is replaced; kubectl logs already shows the output. Drop the tee.`,
    });
  }
}

/** `--log-file=/var/log/app.log`, `--access-logfile /var/log/access.log`… in any command word. */
function checkOptions(context: DockerfileContext, command: ShellCommand, linked: ReadonlySet<string>): void {
  const words = command.words;
  for (let i = 0; i < words.length; i++) {
    const value = words[i].value;
    const equals = value.indexOf('=');
    const name = (equals < 0 ? value : value.slice(0, equals)).toLowerCase();
    if (!LOG_FILE_OPTIONS.has(name)) continue;
    const target: Word | undefined = equals < 0 ? words[i + 1] : { ...words[i], value: value.slice(equals + 1) };
    const path = target ? fileTarget(target, linked) : null;
    if (!target || path === null) continue;
    const range: Span = { start: words[i].range.start, end: target.range.end };
    context.report({
      ...range,
      message: `${name} sends the logs of ${commandName(command)} to ${path}, ${LOST}. Pass - (stdout) instead if the program accepts it, or drop the option.`,
    });
  }
}

function checkVolume(context: DockerfileContext, instruction: Instruction, linked: ReadonlySet<string>): void {
  for (const word of instruction.json ?? instruction.args) {
    const path = normalizePath(word.value);
    if (!path.startsWith('/') || !looksLikeLogFolder(path) || [...linked].some((l) => isAtOrUnder(l, path))) continue;
    context.report({
      ...word.range,
      message: `VOLUME ${path} keeps log files: a sign that the app logs to files, which kubectl logs cannot show. Log to stdout and stderr, and let the cluster collect the logs.`,
    });
  }
}

/** /var/log or a folder under it, or a folder named `log` or `logs`. */
function looksLikeLogFolder(path: string): boolean {
  return isAtOrUnder(path.toLowerCase(), '/var/log') || path.toLowerCase().split('/').some((s) => s === 'log' || s === 'logs');
}

function checkEnv(context: DockerfileContext, instruction: Instruction, linked: ReadonlySet<string>): void {
  for (const pair of instruction.pairs) {
    if (!LOG_FILE_ENV.test(pair.key) || !pair.value || !pair.valueRange) continue;
    const raw = context.text.slice(pair.valueRange.start, pair.valueRange.end);
    const path = fileTarget({ value: pair.value, raw, range: pair.valueRange }, linked);
    if (path === null || !(path.includes('/') || /\.log$/i.test(path))) continue;
    context.report({
      ...pair.valueRange,
      message: `${pair.key} points the app at the log file ${path}, ${LOST}. Log to stdout and stderr instead.`,
    });
  }
}

/** The program a command runs, for messages. */
function commandName(command: ShellCommand): string {
  const program = command.argv[0]?.value;
  if (!program) return 'the shell';
  return program.startsWith('-') ? 'the app' : programName(program);
}

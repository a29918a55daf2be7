/**
 * The shell commands that RUN, CMD and ENTRYPOINT run: read from the instruction's shell form
 * (line continuations removed, every word traced back to its source offsets), from heredoc bodies
 * that are scripts (`RUN <<EOF`, `RUN bash <<EOF`), from exec form (`["apt-get", "install", "x"]`)
 * and from the script of `sh -c '…'`. Also: the shell an instruction runs in, and edits that
 * add an argument to a command or a command to an instruction in the file's own style.
 */
import type { TextEdit } from '../findings';
import { indentationAt, lineBreak, lineStartOf } from '../text';
import { heredocWord } from './heredoc';
import type { DockerfileModel, Heredoc, Instruction, Word } from './model';
import { LogicalText, logicalSlice } from './scan';
import { inlineScriptWord, isPosixShellName, lineEndIn, optionsSetErrexit, readScripts, splitCommand } from './script';
import type { CommandScript, ShellCommand } from './script';

export type { Assignment, CommandScript, Joiner, Redirect, ScriptKind, ShellCommand } from './script';
export { programName } from './script';

/** Instructions whose arguments are commands. */
const COMMAND_INSTRUCTIONS = new Set(['RUN', 'CMD', 'ENTRYPOINT']);
const DEFAULT_SHELL: readonly string[] = ['/bin/sh', '-c'];

export interface InstructionCommands {
  instruction: Instruction;
  /** `exec` when the arguments are a JSON array. */
  form: 'shell' | 'exec';
  /** The shell that runs the shell form: the last SHELL instruction in effect, else `/bin/sh -c`. */
  shell: readonly string[];
  /** The shell form is read as a POSIX shell script (false for `cmd` or PowerShell: nothing is read). */
  posix: boolean;
  /** The scripts in source order: the line, heredoc bodies that are scripts, inline `sh -c` scripts. */
  scripts: CommandScript[];
  /** The commands of all scripts, in source order. */
  commands: ShellCommand[];
}

// ---------------------------------------------------------------------------------------------
// Instructions

const SHELLS = new WeakMap<DockerfileModel, WeakMap<Instruction, readonly string[]>>();

/**
 * The shell each instruction's shell form runs in: the last SHELL before it in its stage, or
 * inherited from the stage it is built FROM, else `/bin/sh -c`. Computed once per model.
 */
export function shellOf(model: DockerfileModel, instruction: Instruction): readonly string[] {
  let shells = SHELLS.get(model);
  if (!shells) {
    shells = new WeakMap();
    const finalShell: Array<readonly string[]> = [];
    for (const stage of model.stages) {
      let shell = stage.baseStage !== null ? (finalShell[stage.baseStage] ?? DEFAULT_SHELL) : DEFAULT_SHELL;
      for (const item of stage.instructions) {
        if (item.keyword === 'SHELL' && item.json && item.json.length > 0) shell = item.json.map((w) => w.value);
        shells.set(item, shell);
        if (item.onbuild) shells.set(item.onbuild, shell);
      }
      finalShell.push(shell);
    }
    SHELLS.set(model, shells);
  }
  return shells.get(instruction) ?? DEFAULT_SHELL;
}

/** True for a shell that reads POSIX shell scripts (`/bin/sh -c`, `bash -o pipefail -c`…); false for `cmd`, PowerShell. */
export function isPosixShell(shell: readonly string[]): boolean {
  return isPosixShellName(shell[0]);
}

const COMMANDS = new WeakMap<Instruction, InstructionCommands | null>();

/**
 * The commands of a RUN, CMD or ENTRYPOINT instruction (an ONBUILD trigger included: pass
 * `instruction.onbuild`); `null` for other instructions. Read once per instruction and cached,
 * so every rule can ask.
 */
export function instructionCommands(model: DockerfileModel, instruction: Instruction): InstructionCommands | null {
  if (!COMMAND_INSTRUCTIONS.has(instruction.keyword)) return null;
  const cached = COMMANDS.get(instruction);
  if (cached !== undefined) return cached;
  const shell = shellOf(model, instruction);
  const scripts = instruction.json ? execScripts(model, instruction.json) : shellScripts(model, instruction, shell);
  const result: InstructionCommands = {
    instruction,
    form: instruction.json ? 'exec' : 'shell',
    shell,
    posix: isPosixShell(shell),
    scripts,
    commands: scripts.flatMap((s) => s.commands).sort((a, b) => a.range.start - b.range.start),
  };
  COMMANDS.set(instruction, result);
  return result;
}

/** The element list of an exec form as one command, and the inline script of `["sh", "-c", "…"]`. */
function execScripts(model: DockerfileModel, elements: readonly Word[]): CommandScript[] {
  if (elements.length === 0) return [];
  const { assignments, argvStart } = splitCommand(elements);
  const argv = elements.slice(argvStart);
  const command: ShellCommand = {
    words: [...elements],
    assignments,
    argv,
    redirects: [],
    next: null,
    range: { start: elements[0].range.start, end: elements[elements.length - 1].range.end },
    nested: false,
    errexit: false,
    form: 'exec',
  };
  const scripts: CommandScript[] = [{ kind: 'exec', commands: [command], end: null, errexit: false, heredoc: null }];
  // JSON escapes (`\"`, `\n`…) make the element's text differ from its value: such scripts are not read.
  const script = inlineScriptWord(argv.map((word) => ({ word })), (raw) => !raw.includes('\\'));
  if (script) {
    const inner = logicalSlice(model.text, { start: script.word.range.start + 1, end: script.word.range.end - 1 }, model.escape);
    scripts.push(...readScripts(inner, 0, inner.length, { kind: 'inline', errexit: script.errexit, heredoc: null }));
  }
  return scripts;
}

/**
 * The scripts of a shell form: the line itself, unless it is only `<<EOF` (then the body is the
 * script, as BuildKit runs it); and the bodies of heredocs fed to a shell (`bash <<EOF`).
 */
function shellScripts(model: DockerfileModel, instruction: Instruction, shell: readonly string[]): CommandScript[] {
  if (!instruction.argsRange) return [];
  const errexit = optionsSetErrexit(shell.slice(1));
  const heredocs = instruction.heredocs;
  if (heredocs.length > 0 && instruction.args.length === 1 && heredocWord(instruction.args[0].raw)) {
    return heredocScript(heredocs[0], isPosixShell(shell), errexit);
  }
  if (!isPosixShell(shell)) return [];
  const logical = logicalSlice(model.text, instruction.argsRange, model.escape);
  const scripts = readScripts(logical, 0, logical.length, { kind: 'line', errexit, heredoc: null });
  for (const command of scripts[0].commands) {
    const options = shellReadingStdin(command);
    if (!options) continue;
    for (const redirect of command.redirects) {
      if ((redirect.op !== '<<' && redirect.op !== '<<-') || (redirect.fd !== null && redirect.fd !== 0)) continue;
      const heredoc = heredocs.find((h) => h.range.start <= redirect.range.start && redirect.range.start < h.range.end);
      if (heredoc) scripts.push(...heredocScript(heredoc, true, optionsSetErrexit(options)));
    }
  }
  return scripts.sort((a, b) => firstOffset(a) - firstOffset(b));
}

function firstOffset(script: CommandScript): number {
  return script.commands[0]?.range.start ?? script.heredoc?.bodyRange.start ?? 0;
}

/** The options of a shell command that reads its script from stdin (`bash`, `sh -ex`), or null. */
function shellReadingStdin(command: ShellCommand): string[] | null {
  if (!isPosixShellName(command.argv[0]?.value)) return null;
  const options = command.argv.slice(1).map((w) => w.value);
  if (options.some((o) => !o.startsWith('-') || /^-[A-Za-z]*c/.test(o))) return null;
  return options;
}

/**
 * The script of a heredoc body run as a whole. A body starting with `#!` is run by the program
 * it names (read only when that is a POSIX shell); otherwise by the instruction's shell.
 */
function heredocScript(heredoc: Heredoc, posixShell: boolean, errexit: boolean): CommandScript[] {
  let posix = posixShell;
  let exit = errexit;
  if (heredoc.body.startsWith('#!')) {
    const interpreter = heredoc.body.slice(2, lineEndIn(heredoc.body, 0, heredoc.body.length)).trim().split(/\s+/);
    const program = interpreter[0]?.endsWith('/env') ? interpreter.slice(1).filter((w) => !w.startsWith('-')) : interpreter;
    posix = isPosixShellName(program[0]);
    exit = optionsSetErrexit(interpreter.slice(interpreter.indexOf(program[0] ?? '') + 1));
  }
  if (!posix) return [];
  const { body, bodyRange } = heredoc;
  const logical = new LogicalText(body, [0], [bodyRange.start], bodyRange.end);
  return readScripts(logical, 0, body.length, { kind: 'heredoc', errexit: exit, heredoc });
}

// ---------------------------------------------------------------------------------------------
// Edits

/**
 * Inserts `argument` as a new word just after `after`, a word of `command`: ` <argument>` in
 * shell text, a new JSON element `, "<argument>"` in exec form (spaced like the array's first
 * comma). `argument` must be a plain word: no spaces, quotes or backslashes.
 */
export function insertArgumentEdit(text: string, command: ShellCommand, after: Word, argument: string): TextEdit {
  const at = after.range.end;
  if (command.form === 'shell') return { start: at, end: at, newText: ` ${argument}` };
  const [first, second] = command.words;
  const between = second ? text.slice(first.range.end, second.range.start) : '';
  const separator = /^[ \t]*,[ \t]*$/.test(between) ? between : ', ';
  return { start: at, end: at, newText: `${separator}${JSON.stringify(argument)}` };
}

/**
 * An edit that runs `command` after everything else the instruction runs, keeping its exit
 * status when something fails: ` && <command>` after the last command (before a trailing `;` or
 * comment), or, in a heredoc script run with `set -e`, a new line before the terminator. `null`
 * when there is no safe place (exec form without a shell script, a script ending in `&` or
 * in `exit`, an unterminated heredoc, nothing read).
 */
export function appendCommandEdit(model: DockerfileModel, commands: InstructionCommands, command: string): TextEdit | null {
  const script = lastScript(commands);
  if (!script || script.end === null || endsByLeaving(script)) return null;
  const heredoc = script.heredoc;
  if (heredoc && heredoc.endRange.start === heredoc.endRange.end) return null;
  if (heredoc && script.errexit) {
    const lineStart = lineStartOf(model.text, heredoc.endRange.start);
    return { start: lineStart, end: lineStart, newText: `${indentationAt(model.text, script.end)}${command}${lineBreak(model.text)}` };
  }
  return { start: script.end, end: script.end, newText: ` && ${command}` };
}

/** What may separate a removable command from the next one: blanks, line continuations, one `&&` or `;`, or a line break. */
const REMOVABLE_GAP = /^[ \t]*(?:\\\r?\n[ \t]*)*(?:&&|;|\r?\n)[ \t]*(?:\\?\r?\n[ \t]*)*$/;

/**
 * An edit that removes `command` from the script it belongs to, together with the `&&`, `;` or
 * line break that joins it to the next command, so the next command starts where it started.
 * `null` unless the command is outside any compound command, is followed by `&&`, `;` or a line
 * break and by another command of the same script, and only blanks and line continuations (no
 * comment) lie between them.
 */
export function removeCommandEdit(text: string, commands: InstructionCommands, command: ShellCommand): TextEdit | null {
  if (command.nested || (command.next !== '&&' && command.next !== ';')) return null;
  const script = commands.scripts.find((s) => s.commands.includes(command));
  const next = script?.commands[script.commands.indexOf(command) + 1];
  if (!next || command.form !== 'shell') return null;
  const gap = text.slice(command.range.end, next.range.start);
  return REMOVABLE_GAP.test(gap) ? { start: command.range.start, end: next.range.start, newText: '' } : null;
}

/**
 * True when the script's last command leaves the shell (`exit`, or `exec` of another program),
 * and gets there whenever the command before it succeeds: nothing appended after it would run.
 * After `||` it runs only when something failed, so a command appended after it still runs.
 */
function endsByLeaving(script: CommandScript): boolean {
  const outer = script.commands.filter((c) => !c.nested);
  const last = outer[outer.length - 1];
  if (!last || (last.words[0]?.value !== 'exec' && last.argv[0]?.value !== 'exit')) return false;
  return outer[outer.length - 2]?.next !== '||';
}

/** The script whose end is the end of everything the instruction runs. */
function lastScript(commands: InstructionCommands): CommandScript | null {
  const { scripts, instruction } = commands;
  if (commands.form === 'exec') {
    const elements = instruction.json ?? [];
    const inline = scripts.find((s) => s.kind === 'inline');
    const last = elements[elements.length - 1];
    return inline && last && inline.commands.length > 0 && inline.commands[0].range.start >= last.range.start ? inline : null;
  }
  return scripts.find((s) => s.kind === 'line') ?? scripts.find((s) => s.kind === 'heredoc') ?? null;
}

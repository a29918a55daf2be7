/**
 * Reading POSIX shell text into simple commands, for the commands of RUN, CMD and ENTRYPOINT
 * (see commands.ts, which finds the scripts of an instruction).
 *
 * The reading follows the shell closely enough for linting: quotes, escapes, `$(…)`, `${…}` and
 * backquotes stay inside their word; `&&`, `||`, `;`, `|`, `&` and line breaks end a command;
 * redirections (`>`, `2>&1`, `<<EOF`…) are kept apart from the words; `if`, `for`, `while`,
 * `case`, `{ …; }`, `( … )` and function bodies are looked through, so the commands inside them
 * are listed too; comments and the bodies of heredocs opened inside the script are skipped. The
 * text inside `$(…)` and backquotes is not read as commands. Nothing here throws, and the work
 * is linear in the length of the text.
 */
import type { Span } from '../text';
import type { Heredoc, Word } from './model';
import type { LogicalText } from './scan';
import { unquote } from './shell';

/** How a command hands over to the next one. A line break counts as `;`, and `|&` as `|`. */
export type Joiner = '&&' | '||' | ';' | '|' | '&';

/** A redirection such as `> out.log`, `2>&1`, `&>> file` or `<<EOF`. */
export interface Redirect {
  /** `>`, `>>`, `>|`, `<`, `<>`, `<&`, `>&`, `&>`, `&>>`, `<<`, `<<-` or `<<<`. */
  op: string;
  /** The file descriptor written before the operator (`2` in `2>`), `null` when none is written. */
  fd: number | null;
  /** The word after the operator (a file, a descriptor such as `1`, a heredoc marker); `null` when missing. */
  target: Word | null;
  /** From the descriptor (or the operator) to the end of the target. */
  range: Span;
}

/** A `NAME=value` word before a command (or given to `env`), which sets the command's environment. */
export interface Assignment {
  name: string;
  /** The value as the shell sees it, variables left as written. */
  value: string;
  word: Word;
}

/** A simple command: words, redirections and the operator that joins it to the next command. */
export interface ShellCommand {
  /** Every word in order, assignments and wrappers (`sudo`, `env`…) included, redirections excluded. */
  words: Word[];
  /** `NAME=value` words before the command and those given to `env`. */
  assignments: Assignment[];
  /**
   * The words of the program that really runs and its arguments: `words` without the
   * assignments and without wrappers that only run another command (`env`, `sudo`, `exec`,
   * `command`, `nohup`, `time`, `nice`, `xargs`, `gosu`, `su-exec`, `tini`, `dumb-init`) and their
   * options. Empty for a bare assignment such as `A=1`.
   */
  argv: Word[];
  redirects: Redirect[];
  /** The operator after the command; `null` when it ends its list (the end of the script, `fi`, `)`…). */
  next: Joiner | null;
  /** From the first word or redirection to the last. */
  range: Span;
  /** Inside `if`, `while`, `until`, `for`, `case`, `{ … }`, `( … )` or a function body. */
  nested: boolean;
  /** `set -e` (or a `-e` shell option) is in effect when the command runs: a failure stops the script. */
  errexit: boolean;
  /**
   * `exec` for the element list of an exec-form instruction; `shell` for commands read from shell
   * text (an inline script inside an exec-form element included). It decides how an argument is
   * inserted (see `insertArgumentEdit`).
   */
  form: 'shell' | 'exec';
}

/**
 * Where a script was read from: the instruction's own line (`line`), a heredoc body (`heredoc`),
 * the exec-form element list (`exec`), or the quoted argument of `sh -c` (`inline`).
 */
export type ScriptKind = 'line' | 'heredoc' | 'exec' | 'inline';

export interface CommandScript {
  kind: ScriptKind;
  commands: ShellCommand[];
  /**
   * The offset just after the script's last token, before a trailing `;`, line break or comment,
   * where ` && <command>` can be appended to run after everything else. `null` when the script is
   * empty, ends in `&`, `&&`, `||` or `|`, or cannot be extended (an exec-form element list).
   */
  end: number | null;
  /** `set -e` is in effect at the end of the script (outside any compound command). */
  errexit: boolean;
  /** The heredoc whose body is the script (`heredoc` scripts only). */
  heredoc: Heredoc | null;
}

/** Shells whose scripts are read (by the program name, path and `.exe` removed). */
const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/** Operators, longest first so that the longest match wins. */
const OPERATORS = ['&&', '||', ';;&', ';;', ';&', '|&', '&>>', '&>', '<<<', '<<-', '<<', '<>', '<&', '>>', '>&', '>|', ';', '|', '&', '<', '>', '(', ')'];
const OPERATOR_CHARS = new Set([';', '&', '|', '<', '>', '(', ')']);
const REDIRECT_OPS = new Set(['&>>', '&>', '<<<', '<<-', '<<', '<>', '<&', '>>', '>&', '>|', '<', '>']);
const JOINERS: Record<string, Joiner> = { '&&': '&&', '||': '||', ';': ';', '|': '|', '|&': '|', '&': '&' };
const CASE_ENDS = new Set([';;', ';&', ';;&']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
const DIGITS = /^\d+$/;

/**
 * Programs that only run the command that follows them. `values`: options that take the next
 * word as their value; `operands`: words to skip after the options (gosu's user); `assignments`:
 * `NAME=value` words may follow the options (env); `lookup`: options that make the wrapper look a
 * command up instead of running it (`command -v`).
 */
interface Wrapper {
  values?: readonly string[];
  operands?: number;
  assignments?: boolean;
  lookup?: readonly string[];
}

const WRAPPERS: Record<string, Wrapper> = {
  env: { values: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'], assignments: true },
  sudo: { values: ['-u', '--user', '-g', '--group', '-p', '--prompt', '-C', '--close-from', '-D', '--chdir', '-r', '--role', '-t', '--type', '-T', '--command-timeout', '-U', '--other-user', '-h', '--host'] },
  exec: { values: ['-a'] },
  command: { lookup: ['-v', '-V'] },
  nohup: {},
  time: {},
  nice: { values: ['-n', '--adjustment'] },
  xargs: { values: ['-a', '--arg-file', '-d', '--delimiter', '-E', '-I', '-L', '-n', '--max-args', '-P', '--max-procs', '-s', '--max-chars', '--process-slot-var'] },
  gosu: { operands: 1 },
  'su-exec': { operands: 1 },
  tini: { values: ['-p', '-e'] },
  'dumb-init': { values: ['-r', '--rewrite'] },
};

/** The program name of a command word's value: without the directory (and without `.exe`). */
export function programName(value: string | undefined): string {
  if (!value) return '';
  const base = value.slice(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1);
  return base.toLowerCase().endsWith('.exe') ? base.slice(0, -4) : base;
}

/** True when a program (a name or a path) is a POSIX shell: `sh`, `/bin/bash`, `dash`… */
export function isPosixShellName(program: string | undefined): boolean {
  return POSIX_SHELLS.has(programName(program));
}

// ---------------------------------------------------------------------------------------------
// Lexing

type Token =
  | { kind: 'word'; start: number; end: number }
  | { kind: 'op'; op: string; start: number; end: number }
  | { kind: 'newline'; start: number; end: number };

/** Blanks between words (a carriage return counts as one, so CRLF bodies read like LF ones). */
function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v';
}

/** The end of the word starting at `start`: quotes, escapes and `$(…)`, `${…}`, backquotes are kept whole. */
function scanWord(text: string, start: number, to: number): number {
  // What closes each open construct: `"`, a backquote, `)` or `}`.
  const open: string[] = [];
  let i = start;
  while (i < to) {
    const ch = text[i];
    const top = open.length > 0 ? open[open.length - 1] : '';
    const next = text[i + 1];
    if (ch === '\\') {
      i += 2;
    } else if (top === '"' && ch !== '"' && ch !== '`' && !(ch === '$' && (next === '(' || next === '{'))) {
      i++;
    } else if (ch === '"') {
      if (top === '"') open.pop();
      else open.push('"');
      i++;
    } else if (ch === '`') {
      if (top === '`') open.pop();
      else open.push('`');
      i++;
    } else if (ch === "'") {
      i = closingQuote(text, i + 1, to, false);
    } else if (ch === '$' && next === "'") {
      i = closingQuote(text, i + 2, to, true);
    } else if (ch === '$' && (next === '(' || next === '{')) {
      open.push(next === '(' ? ')' : '}');
      i += 2;
    } else if (top === ')' || top === '}') {
      if (ch === top) open.pop();
      else if ((ch === '(' && top === ')') || (ch === '{' && top === '}')) open.push(top);
      i++;
    } else if (top === '' && (isBlank(ch) || ch === '\n' || OPERATOR_CHARS.has(ch))) {
      break;
    } else {
      i++;
    }
  }
  return Math.min(i, to);
}

/** The offset after the `'` that closes a single-quoted string (with `escapes`, a `$'…'` string). */
function closingQuote(text: string, from: number, to: number, escapes: boolean): number {
  let i = from;
  while (i < to && text[i] !== "'") i += escapes && text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, to);
}

/** The end of a `<(…)` or `>(…)` word (process substitution) whose `(` is at `open`. */
function scanProcessSubstitution(text: string, open: number, to: number): number {
  let depth = 0;
  let i = open;
  while (i < to) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === "'") i = closingQuote(text, i + 1, to, false) - 1;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
    i++;
  }
  return to;
}

/** The operator at `i`, longest match first. */
function operatorAt(text: string, i: number): string {
  for (const op of OPERATORS) if (text.startsWith(op, i)) return op;
  return text[i];
}

/** The offset of the line break (`\n`) ending the line at `i`, or `to`. */
export function lineEndIn(text: string, i: number, to: number): number {
  const end = text.indexOf('\n', i);
  return end < 0 || end > to ? to : end;
}

interface PendingHeredoc {
  marker: string;
  stripTabs: boolean;
}

/**
 * Splits `[from, to)` of a text into words, operators and line breaks. Comments are dropped, and
 * the bodies of heredocs opened in the text (`cat <<EOF`) are skipped: they are data, not commands.
 */
function lex(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  const pending: PendingHeredoc[] = [];
  let heredocOp: string | null = null;
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (ch === '\n') {
      tokens.push({ kind: 'newline', start: i, end: i + 1 });
      heredocOp = null;
      i = pending.length > 0 ? skipHeredocBodies(text, i + 1, to, pending.splice(0)) : i + 1;
    } else if (isBlank(ch)) {
      i++;
    } else if (ch === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
    } else if (ch === '#') {
      heredocOp = null;
      i = lineEndIn(text, i, to);
    } else if ((ch === '<' || ch === '>') && text[i + 1] === '(') {
      const end = scanProcessSubstitution(text, i + 1, to);
      tokens.push({ kind: 'word', start: i, end });
      heredocOp = null;
      i = end;
    } else if (OPERATOR_CHARS.has(ch)) {
      const op = operatorAt(text, i);
      tokens.push({ kind: 'op', op, start: i, end: i + op.length });
      heredocOp = op === '<<' || op === '<<-' ? op : null;
      i += op.length;
    } else {
      const end = Math.max(scanWord(text, i, to), i + 1);
      tokens.push({ kind: 'word', start: i, end });
      if (heredocOp) pending.push({ marker: unquote(text.slice(i, end), '\\'), stripTabs: heredocOp === '<<-' });
      heredocOp = null;
      i = end;
    }
  }
  return tokens;
}

/** Skips the bodies of heredocs opened on the line before `from`; returns where commands resume. */
function skipHeredocBodies(text: string, from: number, to: number, heredocs: readonly PendingHeredoc[]): number {
  let i = from;
  for (const heredoc of heredocs) {
    while (i < to) {
      const end = lineEndIn(text, i, to);
      let content = i;
      if (heredoc.stripTabs) while (content < end && text[content] === '\t') content++;
      const line = text.slice(content, end).replace(/\r$/, '');
      i = end + 1;
      if (line === heredoc.marker) break;
    }
  }
  return Math.min(i, to);
}

// ---------------------------------------------------------------------------------------------
// Words

/** The shell value of a raw word: quotes removed, escapes resolved, `\`-newline joins removed. */
function shellValue(raw: string): string {
  return unquote(raw.includes('\n') ? removeLineJoins(raw) : raw, '\\');
}

/** Removes backslash-newline pairs outside single quotes. */
function removeLineJoins(raw: string): string {
  let out = '';
  let single = false;
  let double = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (!single && ch === '\\') {
      const skip = raw[i + 1] === '\n' ? 1 : raw[i + 1] === '\r' && raw[i + 2] === '\n' ? 2 : 0;
      if (skip > 0) {
        i += skip;
        continue;
      }
      out += ch + (raw[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === "'" && !double) single = !single;
    else if (ch === '"' && !single) double = !double;
    out += ch;
  }
  return out;
}

/** A word of a script with its place in the logical text, for reading inline scripts. */
interface LexWord {
  word: Word;
  start: number;
  end: number;
}

function makeWord(logical: LogicalText, start: number, end: number): LexWord {
  const raw = logical.text.slice(start, end);
  return { word: { value: shellValue(raw), raw, range: logical.span(start, end) }, start, end };
}

/** Splits a command's words into assignments, wrappers and the program that runs (see `ShellCommand.argv`). */
export function splitCommand(words: readonly Word[]): { assignments: Assignment[]; argvStart: number } {
  const assignments: Assignment[] = [];
  let i = 0;
  while (i < words.length && ASSIGNMENT.test(words[i].raw)) assignments.push(assignment(words[i++]));
  for (let guard = 0; guard < words.length && i < words.length; guard++) {
    const next = skipWrapper(words, i, assignments);
    if (next === i) break;
    i = next;
  }
  return { assignments, argvStart: i };
}

function assignment(word: Word): Assignment {
  const equals = word.value.indexOf('=');
  return { name: word.value.slice(0, equals).replace(/\+$/, ''), value: word.value.slice(equals + 1), word };
}

/**
 * When `words[at]` is a wrapper that runs another command, the index of that command (its options,
 * operands and `env` assignments skipped); otherwise `at`. A wrapper with nothing after it stays.
 */
function skipWrapper(words: readonly Word[], at: number, assignments: Assignment[]): number {
  const name = programName(words[at].value);
  const wrapper = Object.hasOwn(WRAPPERS, name) ? WRAPPERS[name] : null;
  if (!wrapper) return at;
  let i = at + 1;
  const found: Assignment[] = [];
  while (i < words.length && words[i].value.startsWith('-') && words[i].value !== '-') {
    const option = words[i].value;
    if (wrapper.lookup?.includes(option)) return at;
    i += option !== '--' && wrapper.values?.includes(option) ? 2 : 1;
    if (option === '--') break;
  }
  // The wrapper gets the words after the shell removed quotes: test the value.
  if (wrapper.assignments) while (i < words.length && ASSIGNMENT.test(words[i].value)) found.push(assignment(words[i++]));
  i += wrapper.operands ?? 0;
  if (i >= words.length) return at;
  assignments.push(...found);
  return i;
}

/** The `set` options of a command turn errexit on (`true`), off (`false`), or leave it (`null`). */
function errexitChange(argv: readonly Word[]): boolean | null {
  if (argv[0]?.value !== 'set') return null;
  let result: boolean | null = null;
  for (let i = 1; i < argv.length; i++) {
    const value = argv[i].value;
    if (value === '--' || !/^[-+]/.test(value)) break;
    if (value === '-o' || value === '+o') {
      if (argv[++i]?.value === 'errexit') result = value === '-o';
    } else if (/^[-+][A-Za-z]+$/.test(value) && value.includes('e')) {
      result = value[0] === '-';
    }
  }
  return result;
}

/** True when shell options (the words after a shell's name) turn errexit on: `-e`, `-eux`, `-o errexit`. */
export function optionsSetErrexit(options: readonly string[]): boolean {
  for (let i = 0; i < options.length; i++) {
    const option = options[i];
    if (!/^-/.test(option) || option === '--') break;
    if (option === '-o' && options[++i] === 'errexit') return true;
    if (/^-[A-Za-z]+$/.test(option) && option.includes('e')) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Parsing

interface Builder {
  words: LexWord[];
  redirects: Redirect[];
  start: number;
  end: number;
  nested: boolean;
}

/** How to read a script: what it is, and whether `set -e` is on from its start. */
export interface ScriptOptions {
  kind: ScriptKind;
  errexit: boolean;
  heredoc: Heredoc | null;
}

/** Reads the commands of `[from, to)` of a logical text. Inline `sh -c` scripts are read too. */
class ScriptParser {
  private readonly tokens: Token[];
  private pos = 0;
  private current: Builder | null = null;
  /** Open compound commands: `if`, `loop`, `case`, `{`, `(`. */
  private readonly open: string[] = [];
  private casePattern = false;
  /** A compound command just closed: redirections that follow apply to it, not to a new command. */
  private afterCompound = false;
  private errexit: boolean;
  private lastEnd = -1;
  private tailOpen = false;
  readonly commands: ShellCommand[] = [];
  /** Inline scripts found in the commands, in order. */
  readonly inline: CommandScript[] = [];

  constructor(
    private readonly logical: LogicalText,
    from: number,
    to: number,
    private readonly options: ScriptOptions,
  ) {
    this.tokens = lex(logical.text, from, to);
    this.errexit = options.errexit;
  }

  parse(): CommandScript {
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos++];
      if (token.kind === 'word') this.word(token.start, token.end);
      else if (token.kind === 'newline') this.newline();
      else this.operator(token.op, token.start, token.end);
    }
    this.finish(null);
    const end = this.commands.length > 0 && !this.tailOpen && this.lastEnd >= 0 ? this.logical.span(this.lastEnd - 1, this.lastEnd).end : null;
    return { kind: this.options.kind, commands: this.commands, end, errexit: this.errexit, heredoc: this.options.heredoc };
  }

  private significant(end: number): void {
    this.lastEnd = end;
    this.tailOpen = false;
  }

  private word(start: number, end: number): void {
    const raw = this.logical.text.slice(start, end);
    this.significant(end);
    if (this.casePattern) {
      this.casePatternWord(raw);
      return;
    }
    if (!this.current && this.reservedWord(raw)) return;
    const builder = this.builder(start);
    builder.words.push(makeWord(this.logical, start, end));
    builder.end = end;
  }

  /** In a `case`, a pattern (`a|b)`) is skipped up to its `)`; `esac` closes the case. */
  private casePatternWord(raw: string): void {
    if (raw === 'esac') {
      this.close();
      return;
    }
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos++];
      if (token.kind === 'op' && token.op === ')') break;
    }
    this.casePattern = false;
  }

  /** Handles a reserved word at the start of a command; false when `raw` is an ordinary word. */
  private reservedWord(raw: string): boolean {
    switch (raw) {
      case 'if':
      case 'while':
      case 'until':
      case '{':
        this.open.push(raw === '{' ? '{' : raw === 'if' ? 'if' : 'loop');
        this.afterCompound = false;
        return true;
      case 'then':
      case 'do':
      case 'else':
      case 'elif':
      case '!':
        this.afterCompound = false;
        return true;
      case 'fi':
      case 'done':
      case 'esac':
      case '}':
        this.close();
        return true;
      case 'for':
      case 'select':
        this.open.push('loop');
        this.skipForClause();
        return true;
      case 'case':
        this.open.push('case');
        this.skipCaseSubject();
        return true;
      case 'function':
        this.skipFunctionName();
        return true;
      default:
        return false;
    }
  }

  private close(): void {
    this.open.pop();
    this.casePattern = false;
    this.afterCompound = true;
  }

  /** `for NAME in words;` or `for ((…));`: skipped up to the separator before `do`. */
  private skipForClause(): void {
    let depth = 0;
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos];
      if (token.kind === 'op' && token.op === '(') depth++;
      else if (token.kind === 'op' && token.op === ')') depth--;
      else if (depth <= 0 && token.kind === 'word' && this.logical.text.slice(token.start, token.end) === 'do') return;
      this.pos++;
      if (depth <= 0 && (token.kind === 'newline' || (token.kind === 'op' && token.op === ';'))) return;
    }
  }

  /** `case WORD in`: the subject and `in` are skipped; patterns follow. */
  private skipCaseSubject(): void {
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos++];
      if (token.kind === 'word' && this.logical.text.slice(token.start, token.end) === 'in') break;
    }
    this.casePattern = true;
  }

  /** `function NAME` and an optional `()`: skipped; the body follows. */
  private skipFunctionName(): void {
    if (this.tokens[this.pos]?.kind === 'word') this.pos++;
    if (this.isOp(this.pos, '(') && this.isOp(this.pos + 1, ')')) this.pos += 2;
  }

  private isOp(index: number, op: string): boolean {
    const token = this.tokens[index];
    return token !== undefined && token.kind === 'op' && token.op === op;
  }

  private builder(start: number): Builder {
    if (!this.current) {
      this.current = { words: [], redirects: [], start, end: start, nested: this.open.length > 0 };
      this.afterCompound = false;
    }
    return this.current;
  }

  private newline(): void {
    if (this.casePattern) return;
    this.finish(';');
    this.afterCompound = false;
  }

  private operator(op: string, start: number, end: number): void {
    if (REDIRECT_OPS.has(op)) {
      this.redirect(op, start, end);
    } else if (Object.hasOwn(JOINERS, op)) {
      this.finish(JOINERS[op]);
      this.afterCompound = false;
      if (op !== ';') this.tailOpen = true;
    } else if (CASE_ENDS.has(op)) {
      this.finish(null);
      if (this.open[this.open.length - 1] === 'case') this.casePattern = true;
    } else if (op === '(') {
      this.openParen();
    } else if (op === ')') {
      this.finish(null);
      this.close();
      this.significant(end);
    }
  }

  /** `(`: a function definition `name()`, or a subshell. */
  private openParen(): void {
    if (this.current && this.current.words.length === 1 && this.isOp(this.pos, ')')) {
      this.current = null;
      this.pos++;
      return;
    }
    this.finish(null);
    if (!this.casePattern) this.open.push('(');
  }

  private redirect(op: string, start: number, end: number): void {
    const next = this.tokens[this.pos];
    const target = next?.kind === 'word' ? makeWord(this.logical, next.start, next.end) : null;
    if (target) this.pos++;
    const targetEnd = target ? target.end : end;
    this.significant(targetEnd);
    if (!this.current && this.afterCompound) return;
    const builder = this.builder(start);
    let fd: number | null = null;
    let from = start;
    const last = builder.words[builder.words.length - 1];
    if (last && last.end === start && DIGITS.test(last.word.raw)) {
      builder.words.pop();
      fd = Number(last.word.raw);
      from = last.start;
    }
    builder.redirects.push({ op, fd, target: target?.word ?? null, range: this.logical.span(from, targetEnd) });
    builder.end = targetEnd;
  }

  /** Ends the current command, if any, with the operator that follows it. */
  private finish(next: Joiner | null): void {
    const builder = this.current;
    this.current = null;
    if (!builder || (builder.words.length === 0 && builder.redirects.length === 0)) return;
    const words = builder.words.map((w) => w.word);
    const { assignments, argvStart } = splitCommand(words);
    const argv = words.slice(argvStart);
    this.commands.push({
      words,
      assignments,
      argv,
      redirects: builder.redirects,
      next,
      range: this.logical.span(builder.start, builder.end),
      nested: builder.nested,
      errexit: this.errexit,
      form: 'shell',
    });
    const change = builder.nested ? null : errexitChange(argv);
    if (change !== null) this.errexit = change;
    const script = inlineScriptWord(builder.words.slice(argvStart), readableAsIs);
    if (script) this.inline.push(...readScripts(this.logical, script.start + 1, script.end - 1, { kind: 'inline', errexit: script.errexit, heredoc: null }));
  }
}

/**
 * The script argument of `sh -c <script>` (or `bash -ec <script>`…), when `readable` says its text
 * can be read as is; with the errexit the shell's options set.
 */
export function inlineScriptWord<T extends { word: Word }>(argv: readonly T[], readable: (raw: string) => boolean): (T & { errexit: boolean }) | null {
  if (!isPosixShellName(argv[0]?.word.value)) return null;
  const options: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const value = argv[i].word.value;
    if (!value.startsWith('-') || value === '--') return null;
    options.push(value);
    if (/^-[A-Za-z]*c[A-Za-z]*$/.test(value)) {
      const script = argv[i + 1];
      return script && readable(script.word.raw) ? { ...script, errexit: optionsSetErrexit(options) } : null;
    }
    if (value === '-o') i++;
  }
  return null;
}

/**
 * A word that is one quoted string whose content is the shell text itself: `'…'` without
 * another `'`, or `"…"` without `"`, `\` or backquotes (whose meaning changes inside `"…"`).
 */
function readableAsIs(raw: string): boolean {
  const quote = raw[0];
  if (raw.length < 2 || (quote !== "'" && quote !== '"') || raw[raw.length - 1] !== quote) return false;
  const content = raw.slice(1, -1);
  return !content.includes(quote) && (quote === "'" || !/[\\`]/.test(content));
}

/**
 * Reads the commands of `[from, to)` of a logical text as a script, and the inline scripts of
 * the `sh -c '…'` commands in it; the script itself comes first.
 */
export function readScripts(logical: LogicalText, from: number, to: number, options: ScriptOptions): CommandScript[] {
  const parser = new ScriptParser(logical, from, to, options);
  const script = parser.parse();
  return [script, ...parser.inline];
}

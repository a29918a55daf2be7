import type { Span } from '../text';

/**
 * The Dockerfile model. Every piece keeps the exact source offsets it was read from.
 * Offsets index the text given to `parseDockerfile` (a leading BOM, if any, is offset 0
 * and belongs to no token).
 */

/** A parser directive at the top of the file: `# syntax=...`, `# escape=...`, `# check=...`. */
export interface Directive {
  /** Lower-case name, e.g. `escape`. */
  name: string;
  value: string;
  range: Span;
  nameRange: Span;
  valueRange: Span;
}

/** A comment line (not a directive). `text` is what follows `#`, without leading spaces. */
export interface Comment {
  text: string;
  /** From `#` to the end of the line, line break excluded. */
  range: Span;
  /** Zero-based line number. */
  line: number;
}

/**
 * One shell-form word. `value` has quotes removed and escapes resolved, but variables NOT
 * substituted; `raw` is the source text with line continuations removed. `range` covers the raw
 * word in the source (it may span a line continuation).
 */
export interface Word {
  value: string;
  raw: string;
  range: Span;
}

/** `--name=value` (or a bare `--name`) before an instruction's arguments. */
export interface Flag {
  /** Lower-case name without dashes, e.g. `from`, `platform`, `mount`. */
  name: string;
  /** Unquoted value, `null` for a bare flag. */
  value: string | null;
  range: Span;
  nameRange: Span;
  valueRange: Span | null;
}

/** A key and value of ENV, ARG or LABEL. */
export interface KeyValue {
  key: string;
  keyRange: Span;
  /** Unquoted, unescaped value; `null` for `ARG NAME` without a default. */
  value: string | null;
  /** The raw value in the source, quotes included; `null` when there is no value. */
  valueRange: Span | null;
  /** The whole pair: key, `=` (or separating whitespace) and value. */
  range: Span;
  /** `equals` for `k=v`, `legacy` for `ENV k v` (the rest of the line is the value). */
  form: 'equals' | 'legacy';
}

/** A here-document attached to an instruction (`<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`). */
export interface Heredoc {
  marker: string;
  /** The marker was quoted: no variable expansion inside the body. */
  quoted: boolean;
  /** `<<-`: leading tabs are stripped from body lines and the terminator. */
  stripTabs: boolean;
  /** The `<<EOF` token on the instruction line. */
  range: Span;
  /** The body lines, from the start of the first body line to the end of the last (before the terminator line). */
  bodyRange: Span;
  /** The terminator line's content (the marker itself, after any tabs). Empty span at end of text when missing. */
  endRange: Span;
  /** The body text as written. */
  body: string;
}

export interface Instruction {
  /** Upper case keyword: `FROM`, `RUN`, ... (any case in the source). */
  keyword: string;
  keywordRange: Span;
  /** From the keyword to the end of the instruction: its logical line, then any heredoc bodies and terminators. Line break excluded. */
  range: Span;
  /** From the keyword to the end of its logical line (continuations included, heredoc bodies excluded), line break excluded. */
  lineRange: Span;
  flags: Flag[];
  /**
   * Shell-form words after the flags, split on unescaped whitespace outside quotes. For exec
   * form, these are the words of the raw JSON text; use `json` instead.
   */
  args: Word[];
  /** From the first argument to the end of the logical line; `null` when there are no arguments. */
  argsRange: Span | null;
  /** The logical text of the arguments: continuations, and comment lines inside them, removed. */
  argsText: string;
  /** The elements of an exec-form (JSON array) argument list, `null` for shell form. */
  json: Word[] | null;
  heredocs: Heredoc[];
  /** ENV, ARG and LABEL pairs, in order; empty for other instructions. */
  pairs: KeyValue[];
  /** Index of the stage the instruction belongs to; -1 before the first FROM. */
  stage: number;
  /** Zero-based first and last line of `range`. */
  startLine: number;
  endLine: number;
  /** For ONBUILD: the instruction it wraps, parsed like any other. */
  onbuild?: Instruction;
}

/**
 * A string after variable substitution, with each character traced to where it came from.
 * `sources[i]` describes `value[i]`.
 */
export interface Expanded {
  value: string;
  /** True when some variable had no value (no ARG default, no `${V:-default}`). */
  unresolved: boolean;
  sources: CharSource[];
}

export interface CharSource {
  /**
   * Where the reader sees this character in the instruction being expanded: the character itself
   * for literal text, the whole `$V` / `${V...}` reference for substituted text.
   */
  shown: Span;
  /**
   * Where the character is written literally in the file: in the instruction, in an ARG
   * default, or in a `${V:-default}` word. `null` when it cannot be traced.
   */
  written: number | null;
}

export interface Stage {
  index: number;
  from: Instruction;
  /** The image word of FROM (after flags), `null` when FROM has no argument. */
  image: Word | null;
  /** The image after substituting the ARGs declared before the first FROM. */
  expandedImage: Expanded | null;
  /** `AS name`, lower-cased; `null` when unnamed. */
  name: string | null;
  nameRange: Span | null;
  /** Index of the earlier stage that FROM names, or `null` when FROM names an image. */
  baseStage: number | null;
  instructions: Instruction[];
}

/** A problem that makes the builder reject the file (unterminated heredoc, unknown instruction, ...). */
export interface DockerfileSyntaxError extends Span {
  message: string;
}

export interface DockerfileModel {
  text: string;
  /** `\` or `` ` `` (from `# escape=`). */
  escape: string;
  directives: Directive[];
  comments: Comment[];
  instructions: Instruction[];
  stages: Stage[];
  /** ARG instructions before the first FROM. */
  globalArgs: Instruction[];
  errors: DockerfileSyntaxError[];
}

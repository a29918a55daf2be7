import type { Span } from '../text';
import type { CharSource, Expanded } from './model';
import { LogicalText } from './scan';

/**
 * The builder's processing of one shell word (BuildKit's `shell.Lex`): quotes are removed, escapes
 * resolved and, when a scope is given, `$V` / `${V...}` references substituted, with every
 * character of the result traced to the source.
 */

/** Build arguments in scope, by name: the expanded value, or `null` for an ARG declared without a default. */
export type ArgScope = ReadonlyMap<string, Expanded | null>;

/** Special shell parameters (`$@`, `$#`, ...): one character names. */
const SPECIAL_PARAMS = '@*#?-$!0';
const NAME_CHAR = /[\p{L}\p{Nd}_]/u;
const DIGIT = /\p{Nd}/u;

class Output {
  value = '';
  sources: CharSource[] = [];
  unresolved = false;

  /** Appends substituted text: every character is shown as the reference, written where it was traced to. */
  pushExpanded(expanded: Expanded, shown: Span): void {
    this.value += expanded.value;
    for (const source of expanded.sources) this.sources.push({ shown, written: source.written });
    if (expanded.unresolved) this.unresolved = true;
  }

  result(): Expanded {
    return { value: this.value, unresolved: this.unresolved, sources: this.sources };
  }
}

class ShellWord {
  private pos = 0;

  constructor(
    private readonly src: LogicalText,
    private readonly escape: string,
    private readonly scope: ArgScope | null,
  ) {}

  /** Processes up to `stop` (consumed) or the end; `closed` tells whether `stop` was found. */
  read(stop: string | null): { out: Output; closed: boolean } {
    const out = new Output();
    const text = this.src.text;
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (ch === stop) {
        this.pos++;
        return { out, closed: true };
      }
      if (ch === '$' && this.scope) this.dollar(out);
      else if (ch === "'") this.singleQuoted(out);
      else if (ch === '"') this.doubleQuoted(out);
      else if (ch === this.escape) this.escaped(out);
      else this.literal(out);
    }
    return { out, closed: stop === null };
  }

  /**
   * Appends the character `ch` read from `[start, end)`; when `exact`, it is written 1:1 at `start`.
   * Sources are traced only when expanding (with a scope); plain unquoting needs only the value.
   */
  private emit(out: Output, ch: string, start: number, end: number, exact: boolean): void {
    out.value += ch;
    if (this.scope) out.sources.push({ shown: this.src.span(start, end), written: exact ? this.src.at(start) : null });
  }

  private literal(out: Output): void {
    const i = this.pos++;
    this.emit(out, this.src.text[i], i, i + 1, true);
  }

  /** An escaped character stands for itself, but it is not written 1:1 in the source. */
  private escapedChar(out: Output): void {
    const i = this.pos;
    this.emit(out, this.src.text[i + 1], i, i + 2, false);
    this.pos += 2;
  }

  /** Outside quotes the escape character escapes anything; at the very end it is dropped. */
  private escaped(out: Output): void {
    if (this.pos + 1 < this.src.length) this.escapedChar(out);
    else this.pos++;
  }

  /** `'...'`: everything literal up to the next `'`. */
  private singleQuoted(out: Output): void {
    const text = this.src.text;
    this.pos++;
    while (this.pos < text.length && text[this.pos] !== "'") this.literal(out);
    this.pos++;
  }

  /** `"..."`: variables are expanded; the escape character escapes only `"`, `$` and itself. */
  private doubleQuoted(out: Output): void {
    const text = this.src.text;
    this.pos++;
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (ch === '"') {
        this.pos++;
        return;
      }
      if (ch === '$' && this.scope) {
        this.dollar(out);
      } else if (ch === this.escape) {
        const next = text[this.pos + 1];
        if (next === undefined) this.pos++;
        else if (next === '"' || next === '$' || next === this.escape) this.escapedChar(out);
        else this.literal(out);
      } else {
        this.literal(out);
      }
    }
  }

  /** `$NAME`, `${NAME}`, `${NAME<op>word}`. */
  private dollar(out: Output): void {
    const text = this.src.text;
    const start = this.pos++;
    if (text[this.pos] !== '{') {
      const name = this.readName();
      if (name) this.substitute(out, name, this.src.span(start, this.pos));
      else this.emit(out, '$', start, start + 1, true);
      return;
    }
    this.pos++;
    const first = text[this.pos];
    const name = first === undefined || '{}:'.includes(first) ? '' : this.readName();
    const op = text[this.pos];
    if (name && op === '}') {
      this.pos++;
      this.substitute(out, name, this.src.span(start, this.pos));
    } else if (name && op === ':' && '-+?'.includes(text[this.pos + 1] ?? '}')) {
      this.pos += 2;
      this.modifier(out, name, text[this.pos - 1], true, start);
    } else if (name && op !== undefined && '-+?'.includes(op)) {
      this.pos++;
      this.modifier(out, name, op, false, start);
    } else {
      // Bad substitution, or a modifier not supported here (`#`, `%`, `/`): the value is unknown.
      this.read('}');
      out.unresolved = true;
    }
  }

  /** `${NAME-word}`, `${NAME+word}`, `${NAME?word}`; with `colon`, an empty value counts as unset. */
  private modifier(out: Output, name: string, op: string, colon: boolean, start: number): void {
    const { out: word, closed } = this.read('}');
    const shown = this.src.span(start, this.pos);
    if (!closed) out.unresolved = true;
    const value = this.scope?.get(name) ?? null;
    const useAlternative = value === null || (colon && value.value === '');
    if (op === '-') out.pushExpanded(useAlternative ? word.result() : value, shown);
    else if (op === '+' && !useAlternative) out.pushExpanded(word.result(), shown);
    else if (op === '?' && useAlternative) out.unresolved = true;
    else if (op === '?' && value) out.pushExpanded(value, shown);
  }

  private substitute(out: Output, name: string, shown: Span): void {
    const value = this.scope?.get(name);
    if (value) out.pushExpanded(value, shown);
    else out.unresolved = true;
  }

  /** A variable name: letters, digits and `_`; or only digits; or one special parameter. */
  private readName(): string {
    const text = this.src.text;
    const start = this.pos;
    const first = text[start];
    if (first === undefined) return '';
    if (DIGIT.test(first)) {
      while (this.pos < text.length && DIGIT.test(text[this.pos])) this.pos++;
    } else if (SPECIAL_PARAMS.includes(first)) {
      this.pos++;
    } else {
      while (this.pos < text.length && NAME_CHAR.test(text[this.pos])) this.pos++;
    }
    return text.slice(start, this.pos);
  }
}

/**
 * Processes a shell word like the builder: quotes removed, escapes resolved, and with a `scope`,
 * variables substituted. Without a scope `$` is an ordinary character.
 */
export function processShellWord(src: LogicalText, escape: string, scope: ArgScope | null): Expanded {
  return new ShellWord(src, escape, scope).read(null).out.result();
}

/** The value of a raw word: quotes removed and escapes resolved, variables left as written. */
export function unquote(raw: string, escape: string): string {
  if (!raw.includes('"') && !raw.includes("'") && !raw.includes(escape)) return raw;
  return processShellWord(LogicalText.identity(raw), escape, null).value;
}

import { nextLineStart } from '../text';
import type { Directive, DockerfileSyntaxError } from './model';
import { lineEndAt, skipSpaces } from './scan';

/** `# name = value`, as the builder matches it (Go's `\s` is space, tab, form feed, CR, LF). */
const DIRECTIVE = /^#[ \t\f]*([a-zA-Z][a-zA-Z0-9]*)[ \t\f]*=[ \t\f]*(.+?)[ \t\f]*$/d;
const KNOWN = new Set(['syntax', 'escape', 'check']);
const ESCAPES = new Set(['\\', '`']);

export interface DirectiveScan {
  directives: Directive[];
  /** The escape character in effect: `\` unless a valid `# escape=` says otherwise. */
  escape: string;
  /** Offset of the first line that is not a directive. */
  end: number;
  errors: DockerfileSyntaxError[];
}

/**
 * Reads the parser directives at the top of the file, from `start`. They stop at the first line
 * that is not a directive of a known name: an instruction, a blank line, any other comment.
 */
export function scanDirectives(text: string, start: number): DirectiveScan {
  const scan: DirectiveScan = { directives: [], escape: '\\', end: start, errors: [] };
  const seen = new Set<string>();
  let pos = start;
  while (pos < text.length) {
    const lineEnd = lineEndAt(text, pos);
    const directive = matchDirective(text, skipSpaces(text, pos, lineEnd), lineEnd);
    if (!directive) break;
    scan.directives.push(directive);
    if (seen.has(directive.name)) {
      scan.errors.push({ ...directive.range, message: `Only one "${directive.name}" parser directive can be used.` });
    } else if (directive.name === 'escape' && !ESCAPES.has(directive.value)) {
      scan.errors.push({ ...directive.valueRange, message: `Invalid escape character "${directive.value}": use \\ or \`.` });
    } else if (directive.name === 'escape') {
      scan.escape = directive.value;
    }
    seen.add(directive.name);
    pos = nextLineStart(text, lineEnd);
  }
  scan.end = pos;
  return scan;
}

function matchDirective(text: string, start: number, end: number): Directive | null {
  const match = DIRECTIVE.exec(text.slice(start, end));
  if (!match?.indices) return null;
  const name = match[1].toLowerCase();
  if (!KNOWN.has(name)) return null;
  const [nameStart, nameEnd] = match.indices[1];
  const [valueStart, valueEnd] = match.indices[2];
  return {
    name,
    value: match[2],
    range: { start, end: start + valueEnd },
    nameRange: { start: start + nameStart, end: start + nameEnd },
    valueRange: { start: start + valueStart, end: start + valueEnd },
  };
}

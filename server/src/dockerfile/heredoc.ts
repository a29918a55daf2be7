import { nextLineStart } from '../text';
import type { DockerfileSyntaxError, Heredoc } from './model';
import { lineEndAt, type LogicalText } from './scan';
import { unquote } from './shell';
import { splitWords } from './words';

/** A word that opens a here-document: optional fd digits, `<<`, optional `-`, then the marker (no `<`). */
const HEREDOC_WORD = /^\d*<<(-?)([^<]*)$/;
const QUOTES = /["']/g;

/**
 * The heredocs opened on a logical line, in order, with their bodies still empty. Like the builder,
 * a heredoc is a whole shell word (quotes and escapes kept) such as `<<EOF`, `<<-EOF`, `<<"EOF"`
 * or `2<<'EOF'`; so `"<<EOF"`, `<<<word` and `$((1<<2))` are not heredocs. The builder reads words
 * with `\` as the escape character whatever the escape directive says.
 */
export function findHeredocs(logical: LogicalText, from: number, to: number): Heredoc[] {
  const heredocs: Heredoc[] = [];
  const first = logical.text.indexOf('<<', from);
  if (first < 0 || first >= to) return heredocs;
  for (const bounds of splitWords(logical.text, from, to, '\\')) {
    const opening = heredocWord(logical.text.slice(bounds.start, bounds.end));
    if (!opening) continue;
    const range = logical.span(bounds.start, bounds.end);
    heredocs.push({
      ...opening,
      range,
      bodyRange: { start: range.end, end: range.end },
      endRange: { start: range.end, end: range.end },
      body: '',
    });
  }
  return heredocs;
}

/** The marker and options of a raw word that opens a heredoc, or `null` when it does not. */
export function heredocWord(raw: string): Pick<Heredoc, 'marker' | 'quoted' | 'stripTabs'> | null {
  const match = HEREDOC_WORD.exec(raw);
  const marker = match?.[2] ? unquote(match[2], '\\') : '';
  if (!match || !marker) return null;
  return { marker, quoted: countQuotes(marker) !== countQuotes(match[2]), stripTabs: match[1] === '-' };
}

function countQuotes(text: string): number {
  return text.match(QUOTES)?.length ?? 0;
}

export interface HeredocBodies {
  /** Start of the first line after the last terminator. */
  next: number;
  /** End of the last line read (a terminator or, when one is missing, the last body line); -1 when no line was read. */
  end: number;
}

/**
 * Reads the bodies of `heredocs` one after the other from the line starting at `pos`, filling in
 * their body and terminator ranges. A body ends at the first line equal to the marker (after
 * stripping leading tabs for `<<-`); a missing terminator is an error at the heredoc token.
 */
export function readHeredocBodies(text: string, pos: number, heredocs: Heredoc[], errors: DockerfileSyntaxError[]): HeredocBodies {
  let line = pos;
  let end = -1;
  for (const heredoc of heredocs) {
    const bodyStart = Math.min(line, text.length);
    let bodyEnd = bodyStart;
    let terminated = false;
    while (line < text.length && !terminated) {
      const lineEnd = lineEndAt(text, line);
      const content = heredoc.stripTabs ? skipTabs(text, line, lineEnd) : line;
      // Compared in place: no copy of each body line.
      terminated = lineEnd - content === heredoc.marker.length && text.startsWith(heredoc.marker, content);
      if (terminated) heredoc.endRange = { start: content, end: lineEnd };
      else bodyEnd = lineEnd;
      end = lineEnd;
      line = nextLineStart(text, lineEnd);
    }
    heredoc.bodyRange = { start: bodyStart, end: bodyEnd };
    heredoc.body = text.slice(bodyStart, bodyEnd);
    if (!terminated) {
      heredoc.endRange = { start: text.length, end: text.length };
      errors.push({ ...heredoc.range, message: `Unterminated heredoc: no line "${heredoc.marker}" ends it.` });
    }
  }
  return { next: line, end };
}

function skipTabs(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && text[i] === '\t') i++;
  return i;
}

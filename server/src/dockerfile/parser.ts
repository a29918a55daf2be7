import { LineIndex, nextLineStart } from '../text';
import { checkInstruction } from './checks';
import { scanDirectives } from './directives';
import { readExecForm } from './exec';
import { readFlags } from './flags';
import { findHeredocs, readHeredocBodies } from './heredoc';
import type { Comment, DockerfileModel, DockerfileSyntaxError, Heredoc, Instruction, KeyValue, Word } from './model';
import { readArgPairs, readEnvPairs } from './pairs';
import { isSpace, lineEndAt, readLogicalLine, skipSpaces, trimSpacesEnd, type LogicalText } from './scan';
import { buildStages } from './stages';
import { readWords } from './words';

export { buildArgScope, expandWord } from './expand';
export type { ArgScope } from './shell';

/** Instructions whose arguments may be a JSON array (HEALTHCHECK's, after its type, too). */
const EXEC_FORM = new Set(['ADD', 'CMD', 'COPY', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME']);
/** Instructions that can open here-documents (when not in exec form). */
const HEREDOC_INSTRUCTIONS = new Set(['ADD', 'COPY', 'RUN']);

/** An instruction read from its logical line, before its place in the file is known. */
type Draft = Omit<Instruction, 'range' | 'lineRange' | 'stage' | 'startLine' | 'endLine' | 'onbuild'> & {
  onbuild: Draft | null;
};

/**
 * Parses a Dockerfile the way the builder (BuildKit) reads it, keeping the exact source offsets of
 * every piece. Never throws: what the builder would reject is reported in `errors`, and the rest
 * of the file is still parsed. Runs in time linear in the length of the text.
 */
export function parseDockerfile(text: string): DockerfileModel {
  return new Parser(text).parse();
}

class Parser {
  private readonly lines: LineIndex;
  private escape = '\\';
  private stage = -1;
  private readonly comments: Comment[] = [];
  private readonly instructions: Instruction[] = [];
  private readonly errors: DockerfileSyntaxError[] = [];

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  parse(): DockerfileModel {
    const text = this.text;
    const directives = scanDirectives(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
    this.escape = directives.escape;
    this.errors.push(...directives.errors);
    let pos = directives.end;
    while (pos < text.length) pos = Math.max(this.readLine(pos), pos + 1);
    const { stages, globalArgs, errors } = buildStages(this.instructions, text, this.escape);
    this.errors.push(...errors);
    this.errors.sort((a, b) => a.start - b.start || a.end - b.end);
    return {
      text,
      escape: this.escape,
      directives: directives.directives,
      comments: this.comments,
      instructions: this.instructions,
      stages,
      globalArgs,
      errors: this.errors,
    };
  }

  /** Reads the line at `pos`: blank, a comment, or the start of an instruction. Returns where the next line starts. */
  private readLine(pos: number): number {
    const lineEnd = lineEndAt(this.text, pos);
    const first = skipSpaces(this.text, pos, lineEnd);
    if (first < lineEnd && this.text[first] !== '#') return this.readInstruction(first);
    if (first < lineEnd) this.addComment(first, lineEnd);
    return nextLineStart(this.text, lineEnd);
  }

  /** Reads the instruction starting at `start` with its continuation lines and heredoc bodies. */
  private readInstruction(start: number): number {
    const line = readLogicalLine(this.text, start, this.escape, this.text.length, (hash, end) => this.addComment(hash, end));
    const draft = this.parseInstruction(line.logical);
    if (!draft) return line.next;
    const lineEnd = Math.max(line.lastEnd, draft.keywordRange.end);
    let end = lineEnd;
    let next = line.next;
    if (draft.heredocs.length > 0) {
      const bodies = readHeredocBodies(this.text, line.next, draft.heredocs, this.errors);
      end = Math.max(end, bodies.end);
      next = bodies.next;
    }
    if (draft.keyword === 'FROM') this.stage++;
    const instruction = this.place(draft, lineEnd, end);
    this.errors.push(...checkInstruction(instruction));
    this.instructions.push(instruction);
    return next;
  }

  /** Splits a logical line into keyword, flags and arguments, and reads what the keyword needs. */
  private parseInstruction(logical: LogicalText): Draft | null {
    const text = logical.text;
    const keywordStart = skipSpaces(text, 0, text.length);
    if (keywordStart >= text.length) return null;
    let keywordEnd = keywordStart;
    while (keywordEnd < text.length && !isSpace(text[keywordEnd])) keywordEnd++;
    const keyword = text.slice(keywordStart, keywordEnd).toUpperCase();
    const end = trimSpacesEnd(text, keywordEnd, text.length);
    const { flags, argsStart } = readFlags(logical, keywordEnd, end);
    const args = readWords(logical, argsStart, end, this.escape);
    const json = this.execForm(keyword, logical, argsStart, end);
    const onbuild = keyword === 'ONBUILD' && argsStart < end ? this.parseInstruction(logical.suffix(argsStart)) : null;
    return {
      keyword,
      keywordRange: logical.span(keywordStart, keywordEnd),
      flags,
      args,
      argsRange: argsStart < end ? logical.span(argsStart, end) : null,
      argsText: text.slice(argsStart, end),
      json,
      heredocs: onbuild ? onbuild.heredocs : this.heredocs(keyword, json, logical, keywordEnd, end),
      pairs: this.pairs(keyword, logical, argsStart, end),
      onbuild,
    };
  }

  private execForm(keyword: string, logical: LogicalText, argsStart: number, end: number): Word[] | null {
    if (EXEC_FORM.has(keyword)) return readExecForm(logical, argsStart, end, this.errors);
    if (keyword !== 'HEALTHCHECK') return null;
    let typeEnd = argsStart;
    while (typeEnd < end && !isSpace(logical.text[typeEnd])) typeEnd++;
    return readExecForm(logical, skipSpaces(logical.text, typeEnd, end), end, this.errors);
  }

  private heredocs(keyword: string, json: Word[] | null, logical: LogicalText, from: number, to: number): Heredoc[] {
    return HEREDOC_INSTRUCTIONS.has(keyword) && !json ? findHeredocs(logical, from, to) : [];
  }

  private pairs(keyword: string, logical: LogicalText, from: number, to: number): KeyValue[] {
    if (keyword === 'ENV' || keyword === 'LABEL') return readEnvPairs(keyword, logical, from, to, this.escape, this.errors);
    if (keyword === 'ARG') return readArgPairs(logical, from, to, this.escape);
    return [];
  }

  /** Completes a draft with its ranges, lines and stage; an ONBUILD trigger ends where ONBUILD does. */
  private place(draft: Draft, lineEnd: number, end: number): Instruction {
    const start = draft.keywordRange.start;
    const instruction: Instruction = {
      keyword: draft.keyword,
      keywordRange: draft.keywordRange,
      range: { start, end },
      lineRange: { start, end: lineEnd },
      flags: draft.flags,
      args: draft.args,
      argsRange: draft.argsRange,
      argsText: draft.argsText,
      json: draft.json,
      heredocs: draft.heredocs,
      pairs: draft.pairs,
      stage: this.stage,
      startLine: this.lines.position(start).line,
      endLine: this.lines.position(end).line,
    };
    if (draft.onbuild) instruction.onbuild = this.place(draft.onbuild, lineEnd, end);
    return instruction;
  }

  private addComment(hash: number, end: number): void {
    this.comments.push({
      text: this.text.slice(skipSpaces(this.text, hash + 1, end), end),
      range: { start: hash, end },
      line: this.lines.position(hash).line,
    });
  }
}

/**
 * Ignore comments, shared by both file kinds:
 *   # kubeready-ignore <id>[,<id>…] [-- reason]
 * on the line before a Dockerfile instruction or a YAML node.
 */
import { covers } from './compat/ids';
import type { Finding } from './findings';
import type { Span } from './text';

/** An ignore comment and the part of the file it covers. */
export interface IgnoreDirective {
  ids: string[];
  /** Rules covered only in part (another tool's check is one case of them): the aspects covered. */
  aspects?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Written for another tool (hadolint, kube-linter, kube-score, BuildKit): honoured, never edited by the "Ignore" fix. */
  foreign?: boolean;
  /** The comment, from `#` to the end of its line. */
  comment: Span;
  /** Where another id can be inserted (just after the last id, as `,<id>`). */
  idsEnd: number;
  /** The instruction or YAML node the comment applies to. */
  target: Span;
}

const IGNORE_COMMENT = /^#[ \t]*kubeready-ignore(?:[ \t]+([A-Za-z0-9_-]+(?:[ \t]*,[ \t]*[A-Za-z0-9_-]+)*))?/;

/**
 * Reads an ignore comment starting at `offset` (which holds `#`). Returns its ids and where they
 * end, or null when the comment is not an ignore comment.
 */
export function readIgnoreComment(text: string, offset: number, end: number): { ids: string[]; idsEnd: number } | null {
  const match = IGNORE_COMMENT.exec(text.slice(offset, end));
  if (!match) return null;
  const ids = (match[1] ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  return { ids, idsEnd: offset + match[0].length };
}

/** The comment line to insert above a line indented with `indent`. */
export function ignoreCommentLine(ruleId: string, indent: string, eol: string): string {
  return `${indent}# kubeready-ignore ${ruleId}${eol}`;
}

/** Drops the findings an ignore comment or annotation covers. */
export function applySuppressions(findings: Finding[], directives: readonly IgnoreDirective[], isIgnorable: (ruleId: string) => boolean): Finding[] {
  if (directives.length === 0) return findings;
  return findings.filter(
    (finding) =>
      !isIgnorable(finding.ruleId) ||
      !directives.some((d) => covers(d, finding) && finding.start >= d.target.start && finding.start <= d.target.end),
  );
}

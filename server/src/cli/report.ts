/**
 * What a CLI run found, in the shape the formatters print: paths relative to the working folder
 * with `/` separators, positions as 1-based lines and columns (UTF-16 code units, like ESLint
 * and SARIF's `utf16CodeUnits`), the end column exclusive.
 */
import { bulkFix } from '../engine';
import type { Finding, Fix, FixSafety, Severity } from '../findings';
import { LineIndex } from '../text';
import type { Span } from '../text';
import type { ReadKind } from './walk';

/** 1-based positions; `endColumn` is the column just after the last character. */
export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface LocatedFinding extends Region {
  ruleId: string;
  severity: Severity;
  message: string;
  fixes: Fix[];
  /** Which bulk fix `--fix` would apply: `safe`, `unsafe` (needs `--unsafe-fixes`) or null (none). */
  autofix: FixSafety | null;
  /** `path` (display path) for a location in another file. */
  related: (Region & { message: string; path?: string })[];
}

export interface FileReport {
  /** Relative to the working folder, `/`-separated. */
  path: string;
  /** How the file was read. */
  kind: ReadKind;
  findings: LocatedFinding[];
  /** Why the file was not checked (a Helm template, YAML without Kubernetes objects…). */
  skipped?: string;
}

/** Something that went wrong besides findings: an unreadable file, a broken config, a rule that threw. */
export interface RunProblem {
  /** The file concerned (display path), when there is one. */
  path: string | null;
  message: string;
  /** The rule that threw, for internal errors. */
  ruleId?: string;
}

export interface RunReport {
  /** Sorted by path; findings sorted by position. */
  files: FileReport[];
  /** Findings left out of `files` by `--quiet`. */
  hidden: number;
  /** Null unless `--fix` ran; `unsafe` with `--unsafe-fixes`. */
  fixMode: { unsafe: boolean } | null;
  /** True when the run fails because of findings (exit code 1). */
  failed: boolean;
  problems: RunProblem[];
}

/** Converts a span to 1-based lines and columns. */
export function regionOf(index: LineIndex, span: Span): Region {
  const start = index.position(span.start);
  const end = index.position(Math.max(span.start, span.end));
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/**
 * The findings of one text with their positions. `textOf` gives another file's text by the path
 * its related locations name (the display path); a location in a file it does not know is left out.
 */
export function locateFindings(text: string, findings: readonly Finding[], textOf: (path: string) => string | null = () => null): LocatedFinding[] {
  const index = new LineIndex(text);
  const others = new Map<string, LineIndex | null>();
  const indexOf = (path: string): LineIndex | null => {
    if (!others.has(path)) {
      const other = textOf(path);
      others.set(path, other === null ? null : new LineIndex(other));
    }
    return others.get(path) ?? null;
  };
  return findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    ...regionOf(index, f),
    fixes: f.fixes,
    autofix: bulkFix(f, { unsafe: false }) ? 'safe' : bulkFix(f, { unsafe: true }) ? 'unsafe' : null,
    related: f.related.flatMap((r) => {
      if (r.path === undefined) return [{ message: r.message, ...regionOf(index, r) }];
      const other = indexOf(r.path);
      return other ? [{ message: r.message, path: r.path, ...regionOf(other, r) }] : [];
    }),
  }));
}

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

/** A place a finding points to besides its own. */
export interface LocatedRelated extends Region {
  message: string;
  /** The file it is in (display path) when not the finding's own file. */
  path?: string;
}

export interface LocatedFinding extends Region {
  ruleId: string;
  severity: Severity;
  message: string;
  fixes: Fix[];
  /** Which bulk fix `--fix` would apply: `safe`, `unsafe` (needs `--unsafe-fixes`) or null (none). */
  autofix: FixSafety | null;
  related: LocatedRelated[];
  /** The text of the finding's first line, without its line break (for SARIF fingerprints). */
  lineText: string;
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
  /** Where in the file, 1-based, when known (a config file's mistake). */
  line?: number;
  column?: number;
  /** The rule that threw, for internal errors. */
  ruleId?: string;
}

export interface RunReport {
  /** Sorted by path; findings sorted by position. */
  files: FileReport[];
  /** Findings left out of `files` by `--quiet`. */
  hidden: number;
  /** Warnings in the run, those hidden by `--quiet` included. */
  warnings: number;
  /** `--max-warnings`, or null when not given. */
  maxWarnings: number | null;
  /** Null unless `--fix` ran; `unsafe` with `--unsafe-fixes`. */
  fixMode: { unsafe: boolean } | null;
  /** True when the run fails because of findings or too many warnings (exit code 1). */
  failed: boolean;
  problems: RunProblem[];
}

/** Converts a span to 1-based lines and columns. */
export function regionOf(index: LineIndex, span: Span): Region {
  const start = index.position(span.start);
  const end = index.position(Math.max(span.start, span.end));
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** How to locate findings: other files' texts, and whether fixes may create files. */
export interface LocateOptions {
  /** Another file's text by the path its related locations name (the display path); null when unknown. */
  textOf?: (path: string) => string | null;
  /** False when fixes cannot create files (stdin). */
  createFiles?: boolean;
}

/**
 * The findings of one text with their positions. A related location in a file `textOf` does not
 * know is left out.
 */
export function locateFindings(text: string, findings: readonly Finding[], options: LocateOptions = {}): LocatedFinding[] {
  const { textOf = () => null, createFiles = true } = options;
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
    autofix: bulkFix(f, { unsafe: false, createFiles }) ? 'safe' : bulkFix(f, { unsafe: true, createFiles }) ? 'unsafe' : null,
    lineText: index.lineText(index.position(f.start).line),
    related: f.related.flatMap((r) => {
      if (r.path === undefined) return [{ message: r.message, ...regionOf(index, r) }];
      const other = indexOf(r.path);
      return other ? [{ message: r.message, path: r.path, ...regionOf(other, r) }] : [];
    }),
  }));
}

/** True when the run has more warnings than `--max-warnings` allows. */
export function tooManyWarnings(report: Pick<RunReport, 'warnings' | 'maxWarnings'>): boolean {
  return report.maxWarnings !== null && report.warnings > report.maxWarnings;
}

/** What the reports say when there are too many warnings; null when there are not. */
export function warningLimitMessage(report: Pick<RunReport, 'warnings' | 'maxWarnings'>): string | null {
  if (!tooManyWarnings(report)) return null;
  return `Too many warnings: ${report.warnings}, at most ${report.maxWarnings} allowed (--max-warnings).`;
}

/**
 * The JSON report, for scripts: an array with one object per file checked or skipped, sorted
 * by path.
 *
 * ```
 * [{
 *   "path": "k8s/deploy.yaml",          // relative to the working folder, "/"-separated
 *   "kind": "yaml",                     // how the file was read: "dockerfile" or "yaml"
 *   "findings": [{
 *     "ruleId": "latest-tag",
 *     "severity": "warning",            // "error" | "warning" | "info"
 *     "message": "…",
 *     "line": 3, "column": 13,          // 1-based; columns count UTF-16 code units
 *     "endLine": 3, "endColumn": 19,    // just after the last character (exclusive)
 *     "fixes": [{ "title": "…", "safety": "unsafe" }],   // as offered in the editor
 *     "docs": "https://…/latest-tag.md",
 *     "related": [{ "path": "k8s/svc.yaml", "message": "…", "line": 3, "column": 5, "endLine": 3, "endColumn": 9 }]
 *   }],                                 // "related" only when the finding points elsewhere too
 *   "skipped": "a Helm chart template: …"   // only on files that were not checked
 * }]
 * ```
 * Files that could not be read are not listed: they are named on stderr and the exit code is 2.
 */
import { docsUrl } from '../rules/docs';
import type { FileReport, LocatedFinding, RunReport } from './report';

/** One finding in the JSON report (see the shape above). */
export interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixes: { title: string; safety: string }[];
  docs: string;
  /** Other places the finding points at, in this file or another one. */
  related?: { path: string; message: string; line: number; column: number; endLine: number; endColumn: number }[];
}

/** One file in the JSON report. */
export interface JsonFile {
  path: string;
  kind: string;
  findings: JsonFinding[];
  skipped?: string;
}

function jsonFinding(f: LocatedFinding, path: string): JsonFinding {
  const finding: JsonFinding = {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    fixes: f.fixes.map((fix) => ({ title: fix.title, safety: fix.safety })),
    docs: docsUrl(f.ruleId),
  };
  if (f.related.length > 0) finding.related = f.related.map((r) => ({ ...r, path: r.path ?? path }));
  return finding;
}

/** One file's entry. */
export function jsonFile(file: FileReport): JsonFile {
  const entry: JsonFile = { path: file.path, kind: file.kind, findings: file.findings.map((f) => jsonFinding(f, file.path)) };
  if (file.skipped !== undefined) entry.skipped = file.skipped;
  return entry;
}

/** The whole JSON report, pretty-printed, with a final newline. */
export function formatJson(report: RunReport): string {
  return JSON.stringify(report.files.map(jsonFile), null, 2) + '\n';
}

/**
 * Problems of closed files, for `kubeready.problems.scope: workspace`. Each closed file that the
 * workspace index says is checked is read from disk only while it is linted; its diagnostics are
 * kept with a result id (a hash of them), so that an unchanged result is answered as such.
 *
 * One mechanism per document: an open document's diagnostics are always pushed (versioned, after
 * each check, as before). Closed files' diagnostics are pulled (`workspace/diagnostic`) when the
 * client supports pull diagnostics, else pushed without a version; a pull for an open document
 * answers an empty report, so no document is ever shown twice.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { DocumentDiagnosticReportKind } from 'vscode-languageserver/node';
import type {
  Diagnostic,
  DocumentDiagnosticReport,
  PreviousResultId,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sourceKind } from '../engine';
import type { RuleFailure } from '../engine';
import { readSourceFile } from '../source-file';
import type { DocumentChecker } from './checker';
import { toDiagnostics } from './convert';
import type { ProjectFiles } from './project-files';
import type { WorkspaceIndex } from './workspace-index';

/** Work done between two yields to the event loop. */
const SLICE_MS = 10;

/** The result id of an empty report (open documents, files out of scope). */
export const EMPTY_RESULT_ID = 'none';

/** The diagnostics of one closed file. */
export interface ClosedReport {
  path: string;
  uri: string;
  resultId: string;
  diagnostics: Diagnostic[];
}

export interface ClosedFileOptions {
  index: WorkspaceIndex;
  checker: DocumentChecker;
  files: ProjectFiles;
  /** True when the file is open in the editor (its diagnostics are pushed with the document). */
  isOpen(path: string): boolean;
  /** Whether `kubeready.enable` is on for a file (its folder's settings). */
  enabled(path: string): Promise<boolean>;
  /** Told about rules that threw on a closed file (the other rules still ran). */
  onFailures(path: string, failures: readonly RuleFailure[]): void;
  /** Lets other work run between slices (default: `setImmediate`). */
  pause?: () => Promise<void>;
}

/** The diagnostics of closed indexed files, cached until the file, the facts or the project files change. */
export class ClosedFileDiagnostics {
  private readonly cache = new Map<string, { key: string; report: ClosedReport }>();
  private readonly pause: () => Promise<void>;

  constructor(private readonly options: ClosedFileOptions) {
    this.pause = options.pause ?? (() => new Promise((resolve) => setImmediate(resolve)));
  }

  /**
   * The report of every closed, checked, indexed file whose folder has Kube Ready enabled,
   * linted in slices that yield to the event loop; null when `cancelled()` said stop.
   */
  async reports(cancelled: () => boolean): Promise<Map<string, ClosedReport> | null> {
    const reports = new Map<string, ClosedReport>();
    const paths = [...this.options.index.entries()].filter(([, e]) => e.checked).map(([p]) => p);
    let sliceStart = Date.now();
    for (const path of paths) {
      if (Date.now() - sliceStart >= SLICE_MS) {
        await this.pause();
        if (cancelled()) return null;
        sliceStart = Date.now();
      }
      if (this.options.isOpen(path) || !(await this.options.enabled(path))) continue;
      const report = this.report(path);
      if (report) reports.set(report.uri, report);
    }
    for (const path of [...this.cache.keys()]) if (!this.options.index.get(path)) this.cache.delete(path);
    return reports;
  }

  /** The report of one closed indexed file; null when it is not indexed, not checked or cannot be read. */
  report(path: string): ClosedReport | null {
    const entry = this.options.index.get(path);
    if (!entry?.checked) return null;
    const key = `${entry.stamp}:${this.options.checker.generation}:${this.options.files.generation}`;
    const cached = this.cache.get(path);
    if (cached?.key === key) return cached.report;
    const report = this.lint(path);
    if (report) this.cache.set(path, { key, report });
    else this.cache.delete(path);
    return report;
  }

  private lint(path: string): ClosedReport | null {
    let text: string;
    try {
      const source = readSourceFile(path, this.options.checker.maxFileSize);
      if (!('text' in source)) return null;
      text = source.text;
    } catch {
      return null;
    }
    const uri = pathToFileURL(path).href;
    const outcome = this.options.checker.checkClosed(path, text);
    if (outcome.status === 'checked' && outcome.failures.length > 0) this.options.onFailures(path, outcome.failures);
    const document = TextDocument.create(uri, sourceKind(path) ?? 'yaml', 0, text);
    const diagnostics = outcome.status === 'checked' ? toDiagnostics(document, outcome.findings, (other) => this.options.checker.locate(other)) : [];
    return { path, uri, resultId: resultIdOf(diagnostics), diagnostics };
  }
}

/** A result id that changes exactly when the diagnostics do. */
function resultIdOf(diagnostics: readonly Diagnostic[]): string {
  return createHash('sha1').update(JSON.stringify(diagnostics)).digest('base64url');
}

/**
 * The answer to `workspace/diagnostic`: a full report for each closed file whose result changed,
 * `unchanged` for the others, and an empty report for each file the client still shows that is
 * no longer reported (opened, deleted, ignored, or the scope went back to open files).
 */
export function workspaceReport(reports: ReadonlyMap<string, ClosedReport>, previous: readonly PreviousResultId[]): WorkspaceDocumentDiagnosticReport[] {
  const known = new Map(previous.map((p) => [p.uri, p.value]));
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  for (const { uri, resultId, diagnostics } of reports.values()) {
    items.push(
      known.get(uri) === resultId
        ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId, version: null }
        : { kind: DocumentDiagnosticReportKind.Full, uri, resultId, version: null, items: diagnostics },
    );
  }
  for (const [uri, value] of known) {
    if (reports.has(uri) || value === EMPTY_RESULT_ID) continue;
    items.push({ kind: DocumentDiagnosticReportKind.Full, uri, resultId: EMPTY_RESULT_ID, version: null, items: [] });
  }
  return items;
}

/** The answer to `textDocument/diagnostic`: the closed file's report, or an empty one (see the module comment). */
export function documentReport(report: ClosedReport | null, previousResultId: string | undefined): DocumentDiagnosticReport {
  const resultId = report?.resultId ?? EMPTY_RESULT_ID;
  if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items: report?.diagnostics ?? [] };
}

/**
 * Pushes closed files' diagnostics for clients without pull diagnostics: each pass sends what
 * changed since the last one and clears files no longer reported; a newer pass stops an older one.
 */
export class ClosedFilePublisher {
  /** The URI and result id last pushed per path. */
  private readonly pushed = new Map<string, { uri: string; resultId: string }>();
  private passes = 0;

  /**
   * @param send pushes a closed file's diagnostics and returns true; returns false without pushing
   *   when the file has been opened meanwhile (the open document's own diagnostics win), so that
   *   they are pushed once it is closed again
   */
  constructor(
    private readonly closed: ClosedFileDiagnostics,
    private readonly send: (path: string, uri: string, diagnostics: Diagnostic[]) => boolean,
  ) {}

  /** One pass: the closed files' diagnostics when `on`, else clears whatever was pushed. */
  async publish(on: boolean): Promise<void> {
    const pass = ++this.passes;
    const reports = on ? await this.closed.reports(() => pass !== this.passes) : new Map<string, ClosedReport>();
    if (reports === null || pass !== this.passes) return;
    const reported = new Set<string>();
    for (const { path, uri, resultId, diagnostics } of reports.values()) {
      reported.add(path);
      if (this.pushed.get(path)?.resultId === resultId) continue;
      if (this.send(path, uri, diagnostics)) this.pushed.set(path, { uri, resultId });
    }
    for (const [path, { uri }] of [...this.pushed]) {
      if (reported.has(path)) continue;
      this.pushed.delete(path);
      this.send(path, uri, []);
    }
  }

  /** A file was opened: its own (versioned) diagnostics replace what was pushed for it while closed. */
  opened(path: string): void {
    this.pushed.delete(path);
  }
}

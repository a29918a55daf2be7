/**
 * The edge between the engine and LSP: findings become diagnostics, fixes become code actions.
 * The engine speaks UTF-16 offsets; here, and only here, they turn into LSP ranges.
 */
import { CodeActionKind, DiagnosticSeverity } from 'vscode-languageserver';
import type { CodeAction, Diagnostic, DiagnosticRelatedInformation, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix, NewFile, Severity, TextEdit as OffsetEdit } from '../findings';
import { docsUrl } from '../rules/docs';
import { LineIndex } from '../text';

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'kubeready';

/** The code action kind of "fix all safe problems" (run on save with `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kubeready`;

/** The client command that asks for an image tag and writes it (see `PinTagArguments`). */
export const PIN_TAG_COMMAND = 'kubeready.pinImageTag';

/** What a diagnostic carries to find its finding again when a code action is requested. */
export interface DiagnosticData {
  ruleId: string;
  start: number;
  end: number;
  version: number;
}

/**
 * The single argument of `kubeready.pinImageTag`: replace `range` by `prefix + tag` if `version` still
 * holds. A wire contract, kept in step with `PinTagArguments` in client/src/pin-tag.ts.
 */
export interface PinTagArguments {
  uri: string;
  version: number;
  range: Range;
  prefix: string;
  prompt: string;
  placeholder: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The LSP range of the offsets `[start, end)` in a document. */
export function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** Another file a related location is in: its URI and the text the location's offsets refer to. */
export interface OtherFile {
  uri: string;
  text: string;
}

/**
 * A finding as an LSP diagnostic of the document version it was found in. `locate` finds the file
 * of a related location in another file by the path the engine was given; a location in a file it
 * cannot find is left out.
 */
export function toDiagnostic(document: TextDocument, finding: Finding, locate: (path: string) => OtherFile | null = () => null): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, start: finding.start, end: finding.end, version: document.version };
  const related: DiagnosticRelatedInformation[] = finding.related.flatMap((r) => {
    if (r.path === undefined) return [{ location: { uri: document.uri, range: toRange(document, r.start, r.end) }, message: r.message }];
    const other = locate(r.path);
    if (!other) return [];
    const index = lineIndexOf(other);
    return [{ location: { uri: other.uri, range: { start: index.position(r.start), end: index.position(r.end) } }, message: r.message }];
  });
  const diagnostic: Diagnostic = {
    range: toRange(document, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
  if (related.length > 0) diagnostic.relatedInformation = related;
  return diagnostic;
}

/**
 * A lint result's findings as diagnostics (see `toDiagnostic`). Each other file that related
 * locations name is located once, and its lines indexed once, for all the findings.
 */
export function toDiagnostics(document: TextDocument, findings: readonly Finding[], locate: (path: string) => OtherFile | null): Diagnostic[] {
  const located = new Map<string, OtherFile | null>();
  const locateOnce = (path: string): OtherFile | null => {
    let other = located.get(path);
    if (other === undefined) located.set(path, (other = locate(path)));
    return other;
  };
  return findings.map((finding) => toDiagnostic(document, finding, locateOnce));
}

/** The line index of another file's text, built once per `OtherFile`. */
const lineIndexes = new WeakMap<OtherFile, LineIndex>();

function lineIndexOf(other: OtherFile): LineIndex {
  let index = lineIndexes.get(other);
  if (!index) lineIndexes.set(other, (index = new LineIndex(other.text)));
  return index;
}

/** The data of a diagnostic this server published, or null for anyone else's (or a malformed one). */
export function readDiagnosticData(diagnostic: Diagnostic): DiagnosticData | null {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return null;
  const data = diagnostic.data as Partial<DiagnosticData> | null | undefined;
  if (!data || typeof data !== 'object') return null;
  const { ruleId, start, end, version } = data;
  if (typeof ruleId !== 'string' || !Number.isInteger(start) || !Number.isInteger(end) || !Number.isInteger(version)) return null;
  return { ruleId, start: start as number, end: end as number, version: version as number };
}

/** The finding a diagnostic was made from, among a lint result of the same document version. */
export function findFinding(findings: readonly Finding[], data: DiagnosticData): Finding | undefined {
  return findings.find((f) => f.ruleId === data.ruleId && f.start === data.start && f.end === data.end);
}

/**
 * The quick fixes for a request's diagnostics: one code action per fix of the finding each
 * diagnostic came from. Diagnostics of another document version get none (their offsets are stale).
 */
export function quickFixes(document: TextDocument, findings: readonly Finding[], diagnostics: readonly Diagnostic[], style: EditStyle): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const data = readDiagnosticData(diagnostic);
    if (!data || data.version !== document.version) continue;
    const finding = findFinding(findings, data);
    for (const fix of finding?.fixes ?? []) {
      const action = fixToCodeAction(document, fix, diagnostic, style);
      if (action) actions.push(action);
    }
  }
  return actions;
}

/** How to express edits: versioned `documentChanges` (when the client supports them) or plain `changes`. */
export interface EditStyle {
  documentChanges: boolean;
  /** The client can create files in a workspace edit (`resourceOperations` includes `create`). */
  createFiles?: boolean;
}

/** A workspace edit of one document version. */
export function workspaceEdit(document: TextDocument, edits: readonly OffsetEdit[], style: EditStyle): WorkspaceEdit {
  const textEdits: TextEdit[] = edits.map((e) => ({ range: toRange(document, e.start, e.end), newText: e.newText }));
  if (style.documentChanges) {
    return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: textEdits }] };
  }
  return { changes: { [document.uri]: textEdits } };
}

/**
 * A fix as a quick fix for one diagnostic. A fix that needs a typed value (an image tag) runs the
 * client command `kubeready.pinImageTag` instead of carrying an edit.
 */
export function fixToCodeAction(document: TextDocument, fix: Fix, diagnostic: Diagnostic, style: EditStyle): CodeAction | null {
  const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
  if (fix.preferred) action.isPreferred = true;
  if (fix.input) {
    const args: PinTagArguments = {
      uri: document.uri,
      version: document.version,
      range: toRange(document, fix.input.start, fix.input.end),
      prefix: fix.input.prefix,
      prompt: fix.input.prompt,
      placeholder: fix.input.placeholder,
    };
    action.command = { title: fix.title, command: PIN_TAG_COMMAND, arguments: [args] };
  } else if (fix.createFile) {
    if (!style.documentChanges || !style.createFiles) return null;
    action.edit = createFileEdit(document, fix.createFile, fix.edits);
  } else {
    action.edit = workspaceEdit(document, fix.edits, style);
  }
  return action;
}

/** Creates a file next to the document (unless it exists) with its content, plus the document's own edits. */
function createFileEdit(document: TextDocument, file: NewFile, edits: readonly OffsetEdit[]): WorkspaceEdit {
  const folder = document.uri.slice(0, document.uri.lastIndexOf('/') + 1);
  const uri = folder + file.path.split('/').map(encodeURIComponent).join('/');
  const start = { line: 0, character: 0 };
  const documentChanges: WorkspaceEdit['documentChanges'] = [
    { kind: 'create', uri, options: { ignoreIfExists: true } },
    { textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: file.content }] },
  ];
  if (edits.length > 0) {
    documentChanges.push({
      textDocument: { uri: document.uri, version: document.version },
      edits: edits.map((e) => ({ range: toRange(document, e.start, e.end), newText: e.newText })),
    });
  }
  return { documentChanges };
}

/**
 * The smallest single edit that turns `before` into `after`: the common prefix and suffix are kept.
 * Never splits a `\r\n` pair or a surrogate pair. Null when the texts are equal.
 */
export function minimalEdit(before: string, after: string): OffsetEdit | null {
  if (before === after) return null;
  const limit = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  while (prefix > 0 && splitsPair(before, prefix)) prefix--;
  let suffix = 0;
  while (suffix < limit - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  while (suffix > 0 && (splitsPair(before, before.length - suffix) || splitsPair(after, after.length - suffix))) suffix--;
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

/** True when offset `i` falls between the two halves of `\r\n` or of a surrogate pair. */
function splitsPair(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const previous = text.charCodeAt(i - 1);
  const next = text.charCodeAt(i);
  return (previous === 13 && next === 10) || (previous >= 0xd800 && previous <= 0xdbff && next >= 0xdc00 && next <= 0xdfff);
}

/** "Fix all safe Kube Ready problems": one edit from the document's text to the fixed text; null when nothing changes. */
export function fixAllAction(document: TextDocument, fixedText: string, style: EditStyle): CodeAction | null {
  const edit = minimalEdit(document.getText(), fixedText);
  if (!edit) return null;
  return { title: 'Fix all safe Kube Ready problems', kind: FIX_ALL_KIND, edit: workspaceEdit(document, [edit], style) };
}

/** True when a request's `only` filter (absent = everything) asks for actions of `kind`. */
export function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (!only) return true;
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

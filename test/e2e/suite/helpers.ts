/**
 * Helpers for the end-to-end suite: find the fixture workspace, open and restore documents, and wait
 * for what the language server publishes. Every wait listens to an event and has a deadline; none
 * sleeps a fixed time.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** The extension's id (`publisher.name` in its package.json). */
export const EXTENSION_ID = 'kubeready.kubeready';

/** `source` of every diagnostic Kube Ready publishes. */
export const SOURCE = 'kubeready';

/** Longest wait for the server to answer (its first answer includes starting the server). */
export const DEADLINE_MS = 15_000;

/** The URI of a file in the fixture workspace (a copy of test/e2e/fixtures made for this run). */
export function fixtureUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite runs with the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/**
 * Opens a fixture file in an editor as a user would (`vscode.open`, not `openTextDocument`: VS Code
 * keeps documents that extensions open alive for minutes, so their editors could close without the
 * document closing) and returns its document.
 */
export async function openFixture(...segments: string[]): Promise<vscode.TextDocument> {
  const uri = fixtureUri(...segments);
  await vscode.commands.executeCommand('vscode.open', uri);
  const editor = vscode.window.activeTextEditor;
  assert.equal(editor?.document.uri.toString(), uri.toString(), `${uri.path} is open in the active editor`);
  return editor.document;
}

/** Kube Ready's diagnostics of a document, in the order VS Code keeps them. */
export function kubereadyDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** The rule id of a diagnostic (its code's `value`). */
export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

/**
 * Resolves with Kube Ready's diagnostics of `uri` once `predicate` holds for them: checked now and on
 * each `onDidChangeDiagnostics` for that URI. Rejects after `deadlineMs`, saying what it saw.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  deadlineMs = DEADLINE_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = kubereadyDiagnostics(uri);
      if (!predicate(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      const seen = kubereadyDiagnostics(uri).map((d) => `${ruleOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
      reject(new Error(`Timed out after ${deadlineMs} ms waiting for ${what} in ${uri.path}; diagnostics now: [${seen.join(', ')}]`));
    }, deadlineMs);
    function finish(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** Waits until the document has diagnostics of exactly these rule ids (any order, with repeats). */
export function waitForRules(uri: vscode.Uri, ruleIds: readonly string[], deadlineMs = DEADLINE_MS): Promise<vscode.Diagnostic[]> {
  const wanted = [...ruleIds].sort().join(',');
  return waitForDiagnostics(uri, (ds) => ds.map(ruleOf).sort().join(',') === wanted, `rules [${wanted}]`, deadlineMs);
}

/** Resolves when VS Code tells extensions that the document closed. */
export function waitForClose(document: vscode.TextDocument, deadlineMs = DEADLINE_MS): Promise<void> {
  if (document.isClosed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const subscription = vscode.workspace.onDidCloseTextDocument((closed) => {
      if (closed.uri.toString() !== document.uri.toString()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out after ${deadlineMs} ms waiting for ${document.uri.path} to close`));
    }, deadlineMs);
  });
}

/** Resolves once `predicate` holds for the document's text: checked now and on each change, until the deadline. */
export function waitForText(
  document: vscode.TextDocument,
  predicate: (text: string) => boolean,
  what: string,
  deadlineMs = DEADLINE_MS,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!predicate(document.getText())) return;
      finish();
      resolve();
    };
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`Timed out after ${deadlineMs} ms waiting for ${what} in ${document.uri.toString()}`));
    }, deadlineMs);
    function finish(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** The range of a document's whole text. */
export function fullRange(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);
}

/** Puts a document back as it is on disk (undoing the test's edits) and leaves it clean. */
export async function revert(document: vscode.TextDocument): Promise<void> {
  if (!document.isDirty) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(document.isDirty, false, `${document.uri.path} is reverted`);
}

/** The languages Kube Ready checks: their documents feed the server's index of image tags. */
const CHECKED_LANGUAGES = new Set(['dockerfile', 'yaml']);

/**
 * Closes every editor, discarding changes to untitled documents (files are reverted first by the
 * tests), and waits until the Dockerfiles and YAML files that were open are closed for extensions
 * too: the next test then starts with a server that has forgotten them (their image tags would
 * otherwise add "Pin <image> to <tag>" fixes).
 */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty && !document.isUntitled) await revert(document);
  }
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isUntitled || document.isClosed) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  const checked = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && CHECKED_LANGUAGES.has(d.languageId));
  const closed = checked.map((document) => waitForClose(document));
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await Promise.all(closed);
}

/** True when a file exists in the workspace's file system. */
export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return false;
    throw error;
  }
}

/** A 0-based line:character range as text, for assertion messages and comparisons. */
export function rangeText(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

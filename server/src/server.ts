/**
 * The Kube Ready language server (LSP wiring only): diagnostics for open Dockerfiles and
 * Kubernetes manifests, quick fixes, and "fix all safe problems". Started over stdio or Node IPC
 * (`--stdio`, `--node-ipc`); the checking itself lives in ./lsp and the engine.
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentChecker } from './lsp/checker';
import { configDiagnostics, isConfigDocument } from './lsp/config-file';
import type { CheckOutcome } from './lsp/checker';
import { FIX_ALL_KIND, fixAllAction, kindRequested, quickFixes, toDiagnostic } from './lsp/convert';
import type { EditStyle } from './lsp/convert';
import { Debouncer } from './lsp/debounce';
import { describeError } from './lsp/log';
import { configErrorMessage, displayName, ProjectFiles, workspaceFolderPaths } from './lsp/project-files';
import { SettingsStore } from './lsp/settings';
import { fileStatus, STATUS_NOTIFICATION, wantsFileStatus } from './lsp/status';
import { Project } from './project';

/** Quiet time after a change before the document is checked again. */
const CHANGE_DELAY_MS = 150;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const files = new ProjectFiles(new Project(), (uri) => settings.known(uri).config);
const checker = new DocumentChecker(files, () => documents.all(), { onIndexChange: (uri) => recheckAll(uri) });
const debouncer = new Debouncer(CHANGE_DELAY_MS);
/** The version whose check last started, per document: the open event must not schedule a second one. */
const started = new Map<string, number>();
/** The skip reason last logged per document, so that typing does not repeat it. */
const loggedSkips = new Map<string, string>();
let settings = new SettingsStore(null);
let editStyle: EditStyle = { documentChanges: false };
let dynamicConfiguration = false;
/** The client asked for `kubeready/status` after each check. */
let sendStatus = false;

connection.onInitialize((params) => {
  const workspace = params.capabilities.workspace;
  editStyle = {
    documentChanges: workspace?.workspaceEdit?.documentChanges === true,
    createFiles: workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
  };
  dynamicConfiguration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
  sendStatus = wantsFileStatus(params.initializationOptions);
  files.setWorkspaceFolders(workspaceFolderPaths(params.workspaceFolders, params.rootUri));
  if (workspace?.configuration) {
    settings = new SettingsStore((uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'kubeready' }));
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
    },
    serverInfo: { name: 'kubeready' },
  };
});

connection.onInitialized(() => {
  if (dynamicConfiguration) settle(connection.client.register(DidChangeConfigurationNotification.type, undefined));
});

documents.onDidOpen(({ document }) => settle(check(document.uri)));

documents.onDidChangeContent(({ document }) => {
  if (started.get(document.uri) === document.version) return;
  debouncer.schedule(document.uri, () => settle(check(document.uri)));
});

documents.onDidClose(({ document }) => {
  const uri = document.uri;
  debouncer.cancel(uri);
  started.delete(uri);
  loggedSkips.delete(uri);
  settings.forget(uri);
  checker.forget(uri);
  settle(connection.sendDiagnostics({ uri, diagnostics: [] }));
});

connection.onDidChangeConfiguration(({ settings: pushed }) => {
  settings.changed(pushed);
  files.settingsChanged();
  recheckAll();
});

connection.onDidChangeWatchedFiles(() => {
  files.invalidate();
  recheckAll();
});

connection.onCodeAction(async (params) => {
  const uri = params.textDocument.uri;
  if (!documents.get(uri) || !(await settings.get(uri)).enable) return [];
  const document = documents.get(uri);
  if (!document) return [];
  try {
    return codeActions(document, params);
  } catch (error) {
    connection.console.error(`Code actions failed for ${displayName(uri)}: ${describeError(error)}`);
    return [];
  }
});

connection.onShutdown(() => debouncer.dispose());

/** Checks a document's current version and publishes the result, unless a newer version arrived meanwhile. */
async function check(uri: string): Promise<void> {
  const version = documents.get(uri)?.version;
  if (version === undefined) return;
  started.set(uri, version);
  const { enable } = await settings.get(uri);
  const document = documents.get(uri);
  if (!document || document.version !== version) return;
  const { diagnostics, outcome } = enable ? diagnose(document) : { diagnostics: [], outcome: null };
  settle(connection.sendDiagnostics({ uri, version, diagnostics }));
  if (sendStatus) settle(connection.sendNotification(STATUS_NOTIFICATION, fileStatus(uri, version, outcome)));
}

/** The diagnostics of a document and how it was read; logs (without any document text) what was skipped or failed. */
function diagnose(document: TextDocument): { diagnostics: Diagnostic[]; outcome: CheckOutcome } {
  const name = displayName(document.uri);
  try {
    if (isConfigDocument(document.uri)) {
      return { diagnostics: configDiagnostics(document), outcome: { status: 'skipped', reason: 'the Kube Ready config file: its own problems are shown' } };
    }
    const outcome = checker.check(document);
    if (outcome.status === 'unsupported') logSkip(document.uri, `${name} is not checked: it is neither a Dockerfile nor YAML`);
    else if (outcome.status === 'skipped') logSkip(document.uri, `${name} is not checked: ${outcome.reason}`);
    else if (outcome.status === 'failed') connection.console.error(`Checking ${name} failed: ${describeError(outcome.error)}`);
    if (outcome.status !== 'checked') return { diagnostics: [], outcome };
    loggedSkips.delete(document.uri);
    if (outcome.configError && files.firstReport(outcome.configError)) {
      const message = configErrorMessage(outcome.configError);
      connection.console.warn(message);
      // A notification, not `window/showMessageRequest`: nothing to answer.
      settle(connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }));
    }
    for (const failure of outcome.failures) {
      connection.console.error(`Rule ${failure.ruleId} failed on ${name} (the other rules still ran): ${describeError(failure.error)}`);
    }
    return { diagnostics: outcome.findings.map((finding) => toDiagnostic(document, finding)), outcome };
  } catch (error) {
    connection.console.error(`Checking ${name} failed: ${describeError(error)}`);
    return { diagnostics: [], outcome: { status: 'failed', error: error instanceof Error ? error : new Error(String(error)) } };
  }
}

function logSkip(uri: string, message: string): void {
  if (loggedSkips.get(uri) === message) return;
  loggedSkips.set(uri, message);
  connection.console.info(message);
}

function codeActions(document: TextDocument, { context }: CodeActionParams): CodeAction[] {
  const outcome = checker.check(document);
  if (outcome.status !== 'checked') return [];
  const actions = kindRequested(context.only, CodeActionKind.QuickFix)
    ? quickFixes(document, outcome.findings, context.diagnostics, editStyle)
    : [];
  // Fix-all runs only on request (on save, or from the Source Action menu), never in the light bulb.
  if (context.only && kindRequested(context.only, FIX_ALL_KIND)) {
    const fixed = checker.fixAll(document);
    const action = fixed === null ? null : fixAllAction(document, fixed, editStyle);
    if (action) actions.push(action);
  }
  return actions;
}

/** Checks every open document again after the quiet time (all but `except`, whose change caused it). */
function recheckAll(except?: string): void {
  for (const document of documents.all()) {
    if (document.uri === except) continue;
    debouncer.schedule(document.uri, () => settle(check(document.uri)));
  }
}

/**
 * Lets asynchronous work run on without awaiting it; a failure (e.g. writing to a client that went
 * away) goes to stderr instead of ending the process as an unhandled rejection.
 */
function settle(work: Promise<unknown>): void {
  work.catch((error: unknown) => process.stderr.write(`Kube Ready language server: ${describeError(error)}\n`));
}

documents.listen(connection);
connection.listen();

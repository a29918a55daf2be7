/**
 * The Kube Ready language server (LSP wiring only): diagnostics for open Dockerfiles and
 * Kubernetes manifests (and, with `kubeready.problems.scope: workspace`, for the closed files of
 * the workspace), quick fixes, and "fix all safe problems". The workspace folders are indexed at
 * start, so that facts from closed files count. Started over stdio or Node IPC (`--stdio`,
 * `--node-ipc`); the checking itself lives in ./lsp and the engine.
 */
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { CodeAction, CodeActionParams, Diagnostic, InitializeParams, ServerCapabilities } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_MAX_FILE_SIZE } from './limits';
import type { Limits } from './limits';
import { Project } from './project';
import { builtInSchema } from './schema/schemas';
import { CheckRuns, nextTurn } from './lsp/check-runs';
import { DocumentChecker } from './lsp/checker';
import { configDiagnostics, isConfigDocument } from './lsp/config-file';
import type { CheckOutcome } from './lsp/checker';
import { FIX_ALL_KIND, fixAllAction, kindRequested, quickFixes, toDiagnostics } from './lsp/convert';
import type { EditStyle } from './lsp/convert';
import { Debouncer } from './lsp/debounce';
import { describeError } from './lsp/log';
import { JobProgress } from './lsp/progress';
import { configErrorMessage, displayName, fileSystemPath, innermostFolder, ProjectFiles, workspaceFolderPaths } from './lsp/project-files';
import { SettingsStore } from './lsp/settings';
import type { ProblemsScope, Settings } from './lsp/settings';
import { fileStatus, STATUS_NOTIFICATION, wantsFileStatus } from './lsp/status';
import { fileWatchers, isConfigFile, isProjectFile } from './lsp/watched-files';
import { ClosedFileDiagnostics, ClosedFilePublisher, documentReport, workspaceReport } from './lsp/workspace-diagnostics';
import { WorkspaceIndex } from './lsp/workspace-index';

/**
 * Quiet time after a change before the document is checked again. `KUBEREADY_NO_DEBOUNCE=1` (set
 * only by the benchmarks, `npm run bench`) checks at once, to time the check itself.
 */
const CHANGE_DELAY_MS = process.env.KUBEREADY_NO_DEBOUNCE === '1' ? 0 : 150;
/** Quiet time after a file changed on disk before it is read again. */
const DISK_DELAY_MS = 100;
/** The debouncer key of the closed files' diagnostics (not a URI, so it never meets a document's). */
const CLOSED_FILES_KEY = '#closed-files';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const project = new Project();
/** The open documents' checks in flight: a newer one stops an older one; the index waits for them. */
const runs = new CheckRuns();
const files = new ProjectFiles(project, (uri) => knownSettings(uri).config);
/** The limits files are checked under: the defaults until `kubeready.limits.*` is read. */
const limits: Limits = { maxFileSize: DEFAULT_MAX_FILE_SIZE };
const index = new WorkspaceIndex({
  isIgnored: (file) => files.isIgnored(file),
  registerKustomization: (file, text) => project.registerKustomization(file, text),
  isPatch: (file) => project.isPatch(file),
  limits,
  // An open document's check goes first: the index reads on when none runs.
  pause: async () => {
    await nextTurn();
    await runs.idle();
  },
});
const checker = new DocumentChecker(files, () => documents.all(), { onIndexChange: (uri) => indexChanged(uri), disk: index, limits });
const closedFiles = new ClosedFileDiagnostics({
  index,
  checker,
  files,
  isOpen: isOpenPath,
  enabled: async (path) => (await settings.get(folderUri(path))).enable,
  onFailures: (path, failures) => {
    for (const failure of failures) {
      connection.console.error(`Rule ${failure.ruleId} failed on ${nodePath.basename(path)} (the other rules still ran): ${describeError(failure.error)}`);
    }
  },
});
const publisher = new ClosedFilePublisher(closedFiles, (path, uri, diagnostics) => {
  if (isOpenPath(path)) return false;
  settle(connection.sendDiagnostics({ uri, diagnostics }));
  return true;
});
const debouncer = new Debouncer(CHANGE_DELAY_MS);
const diskDebouncer = new Debouncer(DISK_DELAY_MS);
/** The version whose check last started, per document: the open event must not schedule a second one. */
const started = new Map<string, number>();
/** The skip reason last logged per document, so that typing does not repeat it. */
const loggedSkips = new Map<string, string>();
let settings = new SettingsStore(null);
let editStyle: EditStyle = { documentChanges: false };
let dynamicConfiguration = false;
let dynamicFileWatchers = false;
/** The client tells when workspace folders are added or removed. */
let folderChanges = false;
/** The client asked for `kubeready/status` after each check. */
let sendStatus = false;
/** The client pulls diagnostics: closed files' diagnostics are pulled, open documents' still pushed. */
let pullDiagnostics = false;
let refreshSupport = false;
/** The workspace folders (file system paths) the index covers. */
let roots: string[] = [];
/** The `kubeready.problems.scope` the closed files' diagnostics were last made (pushed or pulled) for. */
let lastScope: ProblemsScope = 'openFiles';

connection.onInitialize((params) => {
  const workspace = params.capabilities.workspace;
  editStyle = {
    documentChanges: workspace?.workspaceEdit?.documentChanges === true,
    createFiles: workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
  };
  dynamicConfiguration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
  dynamicFileWatchers = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
  refreshSupport = workspace?.diagnostics?.refreshSupport === true;
  sendStatus = wantsFileStatus(params.initializationOptions);
  roots = workspaceRoots(params);
  folderChanges = workspace?.workspaceFolders === true;
  files.setWorkspaceFolders(roots);
  if (workspace?.configuration) {
    // An empty URI asks for the window's settings (no folder), e.g. `kubeready.problems.scope`.
    settings = new SettingsStore((uri) => connection.workspace.getConfiguration({ scopeUri: uri || undefined, section: 'kubeready' }));
  }
  const capabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
  };
  if (pullDiagnostics) capabilities.diagnosticProvider = { identifier: 'kubeready', interFileDependencies: true, workspaceDiagnostics: true };
  if (folderChanges) capabilities.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
  // While the client handles the answer, load what the first manifest's check needs.
  setImmediate(preloadSchemas);
  return { capabilities, serverInfo: { name: 'kubeready' } };
});

connection.onInitialized(() => {
  if (dynamicConfiguration) settle(connection.client.register(DidChangeConfigurationNotification.type, undefined));
  if (dynamicFileWatchers) settle(connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: fileWatchers() }));
  if (folderChanges) {
    connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
      const gone = new Set(removed.map((f) => fileSystemPath(f.uri)));
      const paths = added.map((f) => fileSystemPath(f.uri)).filter((p): p is string => p !== undefined);
      roots = [...roots.filter((r) => !gone.has(r)), ...paths.map((p) => nodePath.resolve(p))];
      files.setWorkspaceFolders(roots);
      settle(buildIndex());
    });
  }
  settle(
    readLimits().then((changed) => {
      if (changed) recheckAll();
      return buildIndex();
    }),
  );
});

documents.onDidOpen(({ document }) => {
  const path = fileSystemPath(document.uri);
  if (path !== undefined) publisher.opened(path);
  settle(check(document.uri));
  closedFilesChanged();
});

documents.onDidChangeContent(({ document }) => {
  if (started.get(document.uri) === document.version) return;
  debouncer.schedule(document.uri, () => settle(check(document.uri)));
});

documents.onDidClose(({ document }) => {
  const uri = document.uri;
  debouncer.cancel(uri);
  runs.cancel(uri);
  started.delete(uri);
  loggedSkips.delete(uri);
  settings.forget(uri);
  checker.forget(uri);
  settle(connection.sendDiagnostics({ uri, diagnostics: [] }));
  // While it was open its disk changes were ignored: the saved text counts again.
  const path = fileSystemPath(uri);
  if (path !== undefined && index.update(path)) recheckAll();
  closedFilesChanged();
});

connection.onDidChangeConfiguration(({ settings: pushed }) => {
  settings.changed(pushed);
  files.settingsChanged();
  settle(
    readLimits().then(() => {
      recheckAll();
      closedFilesChanged();
      // `kubeready.ignorePaths` or the limits may take in or leave out other files now: walk again (unchanged files are not read again).
      return buildIndex();
    }),
  );
});

/** Reads the `kubeready.limits.*` settings (one value for the window) into `limits`; true when they changed. */
async function readLimits(): Promise<boolean> {
  const { maxFileSize } = await settings.get('');
  if (maxFileSize === limits.maxFileSize) return false;
  limits.maxFileSize = maxFileSize;
  return true;
}

connection.onDidChangeWatchedFiles(({ changes }) => {
  let projectChanged = false;
  let configChanged = false;
  for (const { uri, type } of changes) {
    const path = fileSystemPath(uri);
    if (path === undefined) continue;
    if (isProjectFile(path)) {
      projectChanged = true;
      configChanged ||= isConfigFile(path);
      // A kustomization must be known (or forgotten) before the project is asked about patches again.
      if (type === FileChangeType.Deleted) index.remove(path);
      else index.update(path);
    } else if (isOpenPath(path)) {
      continue; // The open document wins; its file is read again when it closes.
    } else if (type === FileChangeType.Deleted) {
      if (index.remove(path)) diskIndexChanged();
    } else {
      diskDebouncer.schedule(path, () => fileChangedOnDisk(path));
    }
  }
  if (!projectChanged) return;
  files.invalidate();
  index.registerKustomizations();
  // A kustomization may name other files as patches now, or no longer.
  index.refreshPatches();
  // A config may ignore other files now: walk again (files whose stamp did not change are not read again).
  if (configChanged) settle(buildIndex());
  recheckAll();
  closedFilesChanged();
});

connection.languages.diagnostics.on(async ({ textDocument, previousResultId }) => {
  const path = fileSystemPath(textDocument.uri);
  const closed = path !== undefined && !documents.get(textDocument.uri) && (await problemsScope()) === 'workspace';
  const report = closed && (await settings.get(folderUri(path))).enable ? closedFiles.report(path) : null;
  return documentReport(report, previousResultId);
});

connection.languages.diagnostics.onWorkspace(async ({ previousResultIds }, token) => {
  const scope = await problemsScope();
  lastScope = scope;
  const reports = scope === 'workspace' ? await closedFiles.reports(() => token.isCancellationRequested) : new Map();
  return { items: reports === null ? [] : workspaceReport(reports, previousResultIds) };
});

connection.onCodeAction(async (params) => {
  const uri = params.textDocument.uri;
  if (!documents.get(uri) || !(await settings.get(uri)).enable) return [];
  const document = documents.get(uri);
  if (!document) return [];
  try {
    return await codeActions(document, params);
  } catch (error) {
    connection.console.error(`Code actions failed for ${displayName(uri)}: ${describeError(error)}`);
    return [];
  }
});

connection.onShutdown(() => {
  debouncer.dispose();
  diskDebouncer.dispose();
});

/**
 * Checks a document's current version and publishes the result. The check gives way to other
 * requests between slices, and stops without publishing once a newer version arrived, the
 * document closed or a newer check of it started.
 */
async function check(uri: string): Promise<void> {
  const version = documents.get(uri)?.version;
  if (version === undefined) return;
  started.set(uri, version);
  const run = runs.start(uri);
  const current = (): boolean => runs.isCurrent(uri, run) && documents.get(uri)?.version === version;
  try {
    const { enable } = await settings.get(uri);
    const document = documents.get(uri);
    if (!document || !current()) return;
    const pause = async (): Promise<boolean> => {
      await nextTurn();
      return current();
    };
    const result = enable ? await diagnose(document, pause) : { diagnostics: [], outcome: null };
    if (result === null || !current()) return;
    settle(connection.sendDiagnostics({ uri, version, diagnostics: result.diagnostics }));
    if (sendStatus) settle(connection.sendNotification(STATUS_NOTIFICATION, fileStatus(uri, version, result.outcome)));
  } finally {
    runs.finish(uri, run);
  }
}

/**
 * The diagnostics of a document and how it was read, or null when `pause` stopped the check; logs
 * (without any document text) what was skipped or failed.
 */
async function diagnose(document: TextDocument, pause: () => Promise<boolean>): Promise<{ diagnostics: Diagnostic[]; outcome: CheckOutcome } | null> {
  const name = displayName(document.uri);
  try {
    if (isConfigDocument(document.uri)) {
      return { diagnostics: configDiagnostics(document), outcome: { status: 'skipped', reason: 'the Kube Ready config file: its own problems are shown' } };
    }
    const outcome = await checker.checkInSlices(document, pause);
    if (outcome === null) return null;
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
    return { diagnostics: toDiagnostics(document, outcome.findings, (path) => checker.locate(path)), outcome };
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

async function codeActions(document: TextDocument, { context }: CodeActionParams): Promise<CodeAction[]> {
  const outcome = await settledOutcome(document);
  if (outcome?.status !== 'checked') return [];
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

/**
 * A document's check outcome for code actions: the one its diagnostics came from. A check of this
 * version in flight is awaited (the server answers other requests meanwhile) rather than run a
 * second time; null when the document changed while waiting (the actions would be stale).
 */
async function settledOutcome(document: TextDocument): Promise<CheckOutcome | null> {
  const version = document.version;
  for (let flight = checker.inFlight(document); flight; flight = checker.inFlight(document)) {
    await flight;
    if (document.version !== version) return null;
  }
  return checker.check(document);
}

/** Checks every open document again after the quiet time (all but `except`, whose change caused it). */
function recheckAll(except?: string): void {
  for (const document of documents.all()) {
    if (document.uri === except) continue;
    debouncer.schedule(document.uri, () => settle(check(document.uri)));
  }
}

/** An open document's contribution changed: the other open documents and the closed files may have new findings. */
function indexChanged(uri: string): void {
  recheckAll(uri);
  closedFilesChanged();
}

/** An indexed file changed on disk in a way other files may see. */
function diskIndexChanged(): void {
  recheckAll();
  closedFilesChanged();
}

/** Reads a closed file again after it changed on disk. */
function fileChangedOnDisk(path: string): void {
  if (isOpenPath(path)) return;
  if (index.update(path)) recheckAll();
  // Its own findings may have changed even when its contribution did not.
  closedFilesChanged();
}

/** Walks the workspace folders and indexes their files, with progress; re-checks open documents if the index changed. */
async function buildIndex(): Promise<void> {
  if (roots.length === 0) return;
  // The folders' settings (`kubeready.ignorePaths`) must be known before the walk asks what is ignored.
  await Promise.all(roots.map((root) => settings.get(pathToFileURL(root).href)));
  const generation = index.generation;
  const progress = new JobProgress(connection.window.createWorkDoneProgress(), 'Kube Ready', 'Indexing the workspace');
  const summary = await index.build(roots, (percentage) => progress.report(percentage)).finally(() => progress.done());
  if (!summary) return; // A newer build replaced it.
  const skipped = summary.skipped > 0 ? ` (${summary.skipped} skipped: too large, not UTF-8 or unreadable)` : '';
  connection.console.info(`Indexed ${summary.indexed} ${summary.indexed === 1 ? 'file' : 'files'} in ${roots.length === 1 ? 'the workspace folder' : `${roots.length} workspace folders`} in ${summary.milliseconds} ms${skipped}.`);
  if (index.generation !== generation) recheckAll();
  closedFilesChanged();
}

/**
 * The closed files' diagnostics may have changed: after the quiet time, pull clients are asked to
 * pull again, and push clients get what changed (or everything cleared when the scope is open files).
 */
function closedFilesChanged(): void {
  debouncer.schedule(CLOSED_FILES_KEY, () => settle(updateClosedFiles()));
}

async function updateClosedFiles(): Promise<void> {
  const scope = await problemsScope();
  const changedScope = scope !== lastScope;
  lastScope = scope;
  if (!pullDiagnostics) await publisher.publish(scope === 'workspace');
  else if (refreshSupport && (scope === 'workspace' || changedScope)) connection.languages.diagnostics.refresh();
}

/** `kubeready.problems.scope` (a window setting, read without a folder). */
async function problemsScope(): Promise<ProblemsScope> {
  return (await settings.get('')).problemsScope;
}

/** The URI whose settings apply to a closed file: its workspace folder's (the innermost), else the file's own. */
function folderUri(path: string): string {
  return pathToFileURL(innermostFolder(roots, path) ?? path).href;
}

/** The workspace folders of `initialize` as file system paths (the root URI or path of older clients). */
function workspaceRoots(params: InitializeParams): string[] {
  const paths = workspaceFolderPaths(params.workspaceFolders, params.rootUri);
  if (paths.length === 0 && params.rootPath) paths.push(params.rootPath);
  return paths.map((p) => nodePath.resolve(p));
}

/** True when a document of this file is open (compared as paths: editors spell URIs differently). */
function isOpenPath(path: string): boolean {
  return documents.all().some((d) => fileSystemPath(d.uri) === path);
}

/**
 * The settings already read for a document; for a closed file (not open under this URI), those of
 * its workspace folder, which are read before the index is built and before a closed file is linted.
 */
function knownSettings(uri: string): Settings {
  const path = documents.get(uri) ? undefined : fileSystemPath(uri);
  return settings.known(path === undefined ? uri : folderUri(path));
}

/**
 * Loads the built-in Kubernetes schemas (a large generated module) ahead of the first manifest's
 * check. A failure is left for that check to report, where it names the file.
 */
function preloadSchemas(): void {
  try {
    builtInSchema('v1', 'Pod')?.source();
  } catch {
    // The check that needs the schemas reports it.
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

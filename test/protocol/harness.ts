/**
 * A minimal LSP client for the protocol tests: spawns the language server over stdio, keeps the
 * open documents' text and versions, answers `workspace/configuration`, capability registrations
 * and work-done progress tokens, records what the server publishes and reports, and waits for
 * publications with a deadline instead of sleeping.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  Command,
  Diagnostic,
  DocumentDiagnosticReport,
  InitializeResult,
  LogMessageParams,
  PublishDiagnosticsParams,
  ShowMessageParams,
  PreviousResultId,
  ProgressToken,
  Registration,
  TextEdit,
  WorkspaceDiagnosticReport,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/text';

/** The repository root (this file runs from out/test/protocol/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** How long to wait for something the server should do before failing the test. */
const DEADLINE_MS = 15_000;

interface Waiter {
  uri: string;
  from: number;
  accept(params: PublishDiagnosticsParams): boolean;
  resolve(params: PublishDiagnosticsParams): void;
}

interface OpenDocument {
  languageId: string;
  version: number;
  text: string;
}

export interface StartOptions {
  /** The `kubeready` settings section answered to `workspace/configuration`. */
  settings?: Record<string, unknown>;
  /** Sent as `initializationOptions` (e.g. `{ fileStatus: true }` for `kubeready/status`). */
  initializationOptions?: unknown;
  /**
   * The server's entry point (default: the bin shim, which runs the bundle dist/server.js unless
   * out/server/src/server.js is newer), e.g. out/server/src/server.js to patch its modules.
   */
  serverModule?: string;
  /** The server's working folder (default: the repository root). */
  cwd?: string;
  /** Workspace folders (paths) sent in `initialize` (default: none). */
  workspaceFolders?: string[];
  /** Declare `window.workDoneProgress` (default: false). */
  workDoneProgress?: boolean;
  /** Declare pull diagnostics (`textDocument.diagnostic`, refresh support) (default: false). */
  pullDiagnostics?: boolean;
  /** Declare dynamic registration of `workspace/didChangeWatchedFiles` (default: false). */
  watchedFilesRegistration?: boolean;
  /** Declare `workspace.workspaceFolders` (folders added and removed later) (default: false). */
  workspaceFolderChanges?: boolean;
}

/** One `$/progress` notification. */
export interface ProgressReport {
  token: ProgressToken;
  value: { kind: 'begin' | 'report' | 'end'; percentage?: number; title?: string; message?: string };
}

/** `workspace/didChangeWatchedFiles` change types. */
export const FILE_CREATED = 1;
export const FILE_CHANGED = 2;
export const FILE_DELETED = 3;

/** A notification of a method the harness does not handle itself (e.g. `kubeready/status`). */
export interface OtherNotification {
  method: string;
  params: unknown;
}

interface NotificationWaiter {
  method: string;
  from: number;
  accept(params: unknown): boolean;
  resolve(params: unknown): void;
}

export class LspClient {
  /** Every `textDocument/publishDiagnostics` received, in order. */
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly shownMessages: ShowMessageParams[] = [];
  readonly logs: LogMessageParams[] = [];
  /** The `scopeUri` of each `workspace/configuration` item the server asked for. */
  readonly configurationScopes: (string | undefined)[] = [];
  /** Every other notification received, in order. */
  readonly notifications: OtherNotification[] = [];
  /** The tokens of `window/workDoneProgress/create`, and every `$/progress`, in order. */
  readonly progressTokens: ProgressToken[] = [];
  readonly progress: ProgressReport[] = [];
  /** Every registration of `client/registerCapability`. */
  readonly registrations: Registration[] = [];
  /** How many `workspace/diagnostic/refresh` requests arrived. */
  refreshes = 0;
  /** Everything the server wrote to stderr. */
  stderr = '';
  settings: Record<string, unknown>;
  /**
   * Called with the scope URIs of each `workspace/configuration` request once its answer is on
   * its way (what it sends then reaches the server after the answer).
   */
  afterConfiguration: ((scopes: (string | undefined)[]) => void) | null = null;
  initializeResult!: InitializeResult;
  private readonly documents = new Map<string, OpenDocument>();
  private waiters: Waiter[] = [];
  private notificationWaiters: NotificationWaiter[] = [];
  /** Conditions re-checked after each message from the server (see `waitUntil`). */
  private conditions: (() => void)[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? { enable: true };
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => this.received(params));
    connection.onNotification('window/showMessage', (params: ShowMessageParams) => this.shownMessages.push(params));
    connection.onNotification('window/logMessage', (params: LogMessageParams) => this.heard(() => this.logs.push(params)));
    connection.onNotification((method: string, params: unknown) => this.receivedOther({ method, params }));
    connection.onUnhandledProgress((params: ProgressReport) => this.heard(() => this.progress.push(params)));
    connection.onRequest('window/workDoneProgress/create', (params: { token: ProgressToken }) => this.heard(() => this.progressTokens.push(params.token)) ?? null);
    connection.onRequest('workspace/diagnostic/refresh', () => this.heard(() => this.refreshes++) ?? null);
    connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) => {
      const after = this.afterConfiguration;
      if (after) setImmediate(() => after(params.items.map((item) => item.scopeUri)));
      return params.items.map((item) => {
        this.configurationScopes.push(item.scopeUri);
        return item.section === 'kubeready' ? this.settings : null;
      });
    });
    connection.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => this.heard(() => this.registrations.push(...params.registrations)) ?? null);
    connection.onRequest('window/showMessageRequest', () => null);
    connection.listen();
  }

  /** Spawns the server (through its bin shim unless told otherwise) and runs the `initialize` handshake. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    const server = options.serverModule ?? path.join(ROOT, 'bin', 'kubeready-language-server.js');
    const child = spawn(process.execPath, [server, '--stdio'], { cwd: options.cwd ?? ROOT });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, options);
    const folders = options.workspaceFolders?.map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) }));
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      initializationOptions: options.initializationOptions,
      rootUri: folders?.[0]?.uri ?? null,
      workspaceFolders: folders ?? null,
      capabilities: {
        window: { workDoneProgress: options.workDoneProgress === true },
        workspace: {
          configuration: true,
          workspaceFolders: options.workspaceFolderChanges === true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: options.watchedFilesRegistration === true },
          workspaceEdit: { documentChanges: true },
          ...(options.pullDiagnostics ? { diagnostics: { refreshSupport: true } } : {}),
        },
        textDocument: {
          ...(options.pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
            isPreferredSupport: true,
            dataSupport: true,
          },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Opens a document at version 1. */
  async open(uri: string, languageId: string, text: string): Promise<number> {
    this.documents.set(uri, { languageId, version: 1, text });
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  /** Replaces a document's whole text; returns the new version. */
  async replace(uri: string, text: string): Promise<number> {
    const document = this.document(uri);
    document.version++;
    document.text = text;
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: document.version },
      contentChanges: [{ text }],
    });
    return document.version;
  }

  /** Sends edits as incremental changes (one change per edit, as an editor would); returns the new version. */
  async edit(uri: string, edits: readonly TextEdit[]): Promise<number> {
    const document = this.document(uri);
    document.version++;
    // Later edits first, so that each range still refers to the text it was computed on.
    const ordered = sortEdits(edits).reverse();
    for (const edit of ordered) document.text = applyTextEdits(document.text, [edit]);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: document.version },
      contentChanges: ordered.map((e) => ({ range: e.range, text: e.newText })),
    });
    return document.version;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The client's copy of an open document. */
  document(uri: string): OpenDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  /** Changes the settings and tells the server, as VS Code does with a pull-model server. */
  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /** Tells the server files changed on disk (type 2: changed). */
  async filesChanged(...files: string[]): Promise<void> {
    await this.fileEvents(files.map((file) => [file, FILE_CHANGED]));
  }

  /** Tells the server files were created, changed or deleted on disk (`FILE_CREATED`…). */
  async fileEvents(changes: [file: string, type: number][]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: changes.map(([file, type]) => ({ uri: pathToFileURL(file).href, type })),
    });
  }

  /** `textDocument/diagnostic` for a document, open or not. */
  pullDocument(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  /** `workspace/diagnostic` with the result ids the client already has. */
  pullWorkspace(previousResultIds: PreviousResultId[] = []): Promise<WorkspaceDiagnosticReport> {
    return this.connection.sendRequest('workspace/diagnostic', { previousResultIds });
  }

  /**
   * Resolves with the first truthy value of `probe`, tried now and after each message from the
   * server; fails after the deadline, saying what it waited for.
   */
  waitUntil<T>(what: string, probe: () => T | undefined | null | false): Promise<T> {
    const now = probe();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const condition = (): void => {
        const value = probe();
        if (!value) return;
        this.conditions = this.conditions.filter((c) => c !== condition);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.conditions = this.conditions.filter((c) => c !== condition);
        reject(new Error(`Waited ${DEADLINE_MS} ms for ${what}\n${this.stderr}`));
      }, DEADLINE_MS);
      this.conditions.push(condition);
    });
  }

  /** A mark in the publication log: `waitForPublish` can ignore what arrived before it. */
  mark(): number {
    return this.publishes.length;
  }

  /**
   * The first publication for `uri` (from `from` on in the log) that `accept` takes: one already
   * received or one still to come. Fails after the deadline, listing what did arrive.
   */
  waitForPublish(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, from = 0): Promise<PublishDiagnosticsParams> {
    const found = this.publishes.slice(from).find((p) => p.uri === uri && accept(p));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { uri, from, accept, resolve: (p) => (clearTimeout(timer), resolve(p)) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const seen = this.publishes
          .filter((p) => p.uri === uri)
          .map((p) => `v${p.version ?? '-'}: ${p.diagnostics.map((d) => d.code).join(',') || 'none'}`);
        reject(new Error(`No matching diagnostics for ${uri} within ${DEADLINE_MS} ms; received [${seen.join(' | ')}]\n${this.stderr}`));
      }, DEADLINE_MS);
      this.waiters.push(waiter);
    });
  }

  /** The diagnostics published for a document's current version. */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const version = this.document(uri).version;
    return (await this.waitForPublish(uri, (p) => p.version === version)).diagnostics;
  }

  /**
   * The first notification of `method` (from `from` on among `notifications`) that `accept` takes:
   * one already received or one still to come. Fails after the deadline.
   */
  waitForNotification<T>(method: string, accept: (params: T) => boolean, from = 0): Promise<T> {
    const found = this.notifications.slice(from).find((n) => n.method === method && accept(n.params as T));
    if (found) return Promise.resolve(found.params as T);
    return new Promise((resolve, reject) => {
      const waiter: NotificationWaiter = {
        method,
        from,
        accept: (params) => accept(params as T),
        resolve: (params) => (clearTimeout(timer), resolve(params as T)),
      };
      const timer = setTimeout(() => {
        this.notificationWaiters = this.notificationWaiters.filter((w) => w !== waiter);
        const seen = this.notifications.filter((n) => n.method === method).map((n) => JSON.stringify(n.params));
        reject(new Error(`No matching ${method} within ${DEADLINE_MS} ms; received [${seen.join(' | ')}]\n${this.stderr}`));
      }, DEADLINE_MS);
      this.notificationWaiters.push(waiter);
    });
  }

  /** `textDocument/codeAction` for a whole document. */
  async codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<(CodeAction | Command)[]> {
    const document = this.document(uri);
    const index = new LineIndex(document.text);
    const end = index.position(document.text.length);
    const result = await this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end },
      context: only ? { diagnostics, only } : { diagnostics },
    });
    return (result as (CodeAction | Command)[] | null) ?? [];
  }

  /** `shutdown` then `exit`; resolves with the process's exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Ends the server whatever state it is in (test clean-up). */
  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  /** The exit code once the process ends. */
  exitCode(): Promise<number | null> {
    return this.exited;
  }

  /** Records a message from the server, then re-checks the `waitUntil` conditions. */
  private heard(record: () => unknown): undefined {
    record();
    for (const condition of [...this.conditions]) condition();
    return undefined;
  }

  private receivedOther(notification: OtherNotification): void {
    this.heard(() => this.notifications.push(notification));
    const index = this.notifications.length - 1;
    for (const waiter of [...this.notificationWaiters]) {
      if (waiter.method === notification.method && index >= waiter.from && waiter.accept(notification.params)) {
        this.notificationWaiters = this.notificationWaiters.filter((w) => w !== waiter);
        waiter.resolve(notification.params);
      }
    }
  }

  private received(params: PublishDiagnosticsParams): void {
    this.heard(() => this.publishes.push(params));
    const index = this.publishes.length - 1;
    for (const waiter of [...this.waiters]) {
      if (waiter.uri === params.uri && index >= waiter.from && waiter.accept(params)) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(params);
      }
    }
  }
}

function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** Applies LSP text edits (ranges into `text`, non-overlapping) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const offsets = edits
    .map((e) => ({ start: index.offset(e.range.start), end: index.offset(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of offsets) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/**
 * The text edits of a workspace edit for one document, checking they were made for `version`
 * when the edit is versioned. Fails on edits for other documents or other versions.
 */
export function editsFor(edit: WorkspaceEdit, uri: string, version: number): TextEdit[] {
  if (edit.documentChanges) {
    const edits: TextEdit[] = [];
    for (const change of edit.documentChanges) {
      if (!('textDocument' in change)) throw new Error(`unexpected resource operation ${JSON.stringify(change)}`);
      if (change.textDocument.uri !== uri) throw new Error(`edit for another document: ${change.textDocument.uri}`);
      if (change.textDocument.version !== version) throw new Error(`edit for version ${change.textDocument.version}, document is at ${version}`);
      edits.push(...change.edits.map((e) => e as TextEdit));
    }
    return edits;
  }
  const changes = edit.changes ?? {};
  for (const key of Object.keys(changes)) if (key !== uri) throw new Error(`edit for another document: ${key}`);
  return changes[uri] ?? [];
}

/** True for a code action (not a bare command). */
export function isCodeAction(item: CodeAction | Command): item is CodeAction {
  return typeof (item as Command).command !== 'string';
}

/** A fresh temporary folder (removed by `removeDir`). */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-protocol-'));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The `file:` URI of a path inside a folder. */
export function fileUri(dir: string, ...parts: string[]): string {
  return pathToFileURL(path.join(dir, ...parts)).href;
}

/** Writes files (relative path -> text) below a folder. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), text);
  }
}

/** Resolves once the server ended its indexing progress (and logged its summary). */
export async function indexed(client: LspClient): Promise<string> {
  await client.waitUntil('the end of the indexing progress', () => client.progress.some((p) => p.value.kind === 'end'));
  const log = await client.waitUntil('the index summary', () => client.logs.find((l) => l.message.startsWith('Indexed ')));
  return log.message;
}

/** Servers started on temporary workspaces, ended and removed together (test clean-up). */
export class Workspaces {
  private readonly dirs: string[] = [];
  private readonly clients: LspClient[] = [];

  /** Writes the files to a new temporary folder and starts a server with it as the workspace folder (progress supported). */
  async start(files: Record<string, string>, options: StartOptions = {}): Promise<{ dir: string; client: LspClient }> {
    const dir = tempDir();
    this.dirs.push(dir);
    writeTree(dir, files);
    const client = await LspClient.start({ workspaceFolders: [dir], workDoneProgress: true, ...options });
    this.clients.push(client);
    return { dir, client };
  }

  dispose(): void {
    for (const client of this.clients) client.kill();
    for (const dir of this.dirs) removeDir(dir);
  }
}

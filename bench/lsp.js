/**
 * A minimal LSP client for the benchmarks: spawns a language server over stdio, answers what the
 * server asks (configuration, progress tokens, registrations), and times diagnostics.
 */
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const { pathToFileURL } = require('node:url');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

/** One language server process and its connection. */
class Session {
  /**
   * @param {{ command: string, args: string[], env?: object, root?: string,
   *   configuration: (item: {section?: string, scopeUri?: string}) => unknown }} options
   */
  constructor({ command, args, env, root, configuration }) {
    this.startedAt = performance.now();
    this.root = root ?? null;
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.stderr = '';
    this.child.stderr.on('data', (chunk) => (this.stderr += chunk));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.logs = [];
    this.waiters = [];
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => this.published(params));
    this.connection.onNotification('window/logMessage', (params) => {
      this.logs.push(params.message);
      this.settle();
    });
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(configuration));
    this.connection.onRequest(() => null); // progress tokens, registrations, refreshes
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  /** Sends initialize and initialized; resolves when the server answered initialize. */
  async initialize() {
    const rootUri = this.root ? pathToFileURL(this.root).href : null;
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: {} },
      },
    });
    this.connection.sendNotification('initialized', {});
  }

  published(params) {
    this.last = { at: performance.now(), params };
    this.settle();
  }

  /** Resolves the waiters whose condition now holds. */
  settle() {
    this.waiters = this.waiters.filter((w) => {
      const value = w.test();
      if (value) w.resolve(value);
      return !value;
    });
  }

  /** Resolves with `test()`'s first truthy value, checked after each message; rejects after `ms`. */
  until(test, ms = 120_000, what = 'a message') {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms; server stderr: ${this.stderr.slice(-2000)}`)), ms);
      const waiter = { test, resolve: (v) => (clearTimeout(timer), resolve(v)) };
      const now = test();
      if (now) waiter.resolve(now);
      else this.waiters.push(waiter);
    });
  }

  /** The next diagnostics of `uri` published after `since` for which `accept(params)` holds, with their time. */
  diagnostics(uri, since, accept = () => true) {
    return this.until(() => {
      const last = this.last;
      return last && last.at >= since && last.params.uri === uri && accept(last.params) ? last : null;
    }, 120_000, `diagnostics for ${uri}`);
  }

  /** Resolves after `ms` milliseconds without any diagnostics published. */
  async quiet(ms) {
    for (;;) {
      const before = this.last?.at ?? 0;
      await new Promise((r) => setTimeout(r, ms));
      if ((this.last?.at ?? 0) === before) return;
    }
  }

  open(uri, languageId, text, version = 1) {
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces `length` characters at line/character with `text` (an incremental change). */
  edit(uri, version, line, character, length, text) {
    const range = { start: { line, character }, end: { line, character: character + length } };
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  /** The server's resident and peak resident memory in MB, from /proc (Linux). */
  memory() {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  }

  /** Shuts the server down politely; kills it if it does not exit within 5 s. */
  async stop() {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      this.connection.sendNotification('exit');
    } catch {
      // The server is gone already.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

module.exports = { Session };

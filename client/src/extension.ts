/**
 * The Kube Ready extension: starts the language server (bundled as dist/server.js next to this
 * file's bundle) for Dockerfiles and YAML, shows how the active file is checked, and registers the
 * commands: the pin-tag command the server's quick fixes run, "Show Output" and "Restart Server".
 */
import * as vscode from 'vscode';
import { CloseAction, LanguageClient, RevealOutputChannelOn, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { PIN_TAG_COMMAND, pinImageTag } from './pin-tag';
import { RestartNotice } from './restart';
import { FileStatusItem } from './status';

const SHOW_OUTPUT_COMMAND = 'kubeready.showOutput';
const RESTART_COMMAND = 'kubeready.restartServer';

/** The documents the server checks: Dockerfiles and YAML, saved or untitled, and the JSON form of its config file. */
const SELECTOR: ({ scheme: string; language: string } | { scheme: string; pattern: string })[] = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'untitled', language: 'dockerfile' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'file', pattern: '**/.kubeready.json' },
];

let client: LanguageClient | undefined;

/** Starts the language server and registers the commands and the status item. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const restartNotice = new RestartNotice(() => started.createDefaultErrorHandler(), CloseAction.Restart, (message) => {
    void vscode.window.showWarningMessage(message, 'Show Output').then((choice) => choice && started.outputChannel.show(true));
  });
  const clientOptions: LanguageClientOptions = {
    // The server registers the file watchers it needs itself (dynamic registration).
    documentSelector: SELECTOR,
    initializationOptions: { fileStatus: true },
    errorHandler: restartNotice,
    // Problems show as diagnostics and in the status item; the output opens when asked for.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  // The id `kubeready` makes the client read the `kubeready.trace.server` setting.
  const started = new LanguageClient('kubeready', 'Kube Ready', serverOptions, clientOptions);
  client = started;
  context.subscriptions.push(
    new FileStatusItem(started, SELECTOR, { title: 'Show Output', command: SHOW_OUTPUT_COMMAND }),
    vscode.commands.registerCommand(PIN_TAG_COMMAND, (args) => pinImageTag(started, args)),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => started.outputChannel.show(true)),
    vscode.commands.registerCommand(RESTART_COMMAND, () => started.restart()),
  );
  await started.start();
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

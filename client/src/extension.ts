/**
 * The Kube Ready extension: starts the language server for Dockerfiles and YAML and provides the
 * one command the server's quick fixes need from the editor, `kubeready.pinImageTag`.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, Range, ServerOptions } from 'vscode-languageclient/node';

/** Must match `PIN_TAG_COMMAND` in server/src/lsp/convert.ts. */
const PIN_TAG_COMMAND = 'kubeready.pinImageTag';

/** A Docker tag: a word character, then up to 127 word characters, dots and dashes. */
const DOCKER_TAG = /^[\w][\w.-]{0,127}$/;

/** The argument the server puts on a "Pin <image> to a tag…" code action. */
interface PinTagArguments {
  uri: string;
  version: number;
  range: Range;
  prefix: string;
  prompt: string;
  placeholder: string;
}

let client: LanguageClient | undefined;

/** Starts the language server and registers the pin-tag command. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('out/server/src/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/.kubeready.{yaml,yml,json}'),
    vscode.workspace.createFileSystemWatcher('**/{kustomization.yaml,kustomization.yml,Kustomization}'),
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { fileEvents: watchers },
  };
  client = new LanguageClient('kubeready', 'Kube Ready', serverOptions, clientOptions);
  context.subscriptions.push(...watchers, vscode.commands.registerCommand(PIN_TAG_COMMAND, pinImageTag));
  await client.start();
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Asks for a tag and writes it where the quick fix said, unless the document changed since. */
async function pinImageTag(args: PinTagArguments): Promise<void> {
  if (!client || !args || typeof args.uri !== 'string' || !args.range) return;
  const tag = await vscode.window.showInputBox({
    prompt: args.prompt,
    placeHolder: args.placeholder,
    validateInput: (value) =>
      DOCKER_TAG.test(value) ? null : 'A tag is 1 to 128 letters, digits, underscores, dots or dashes, and cannot start with a dot or dash.',
  });
  if (tag === undefined) return;
  const uri = client.protocol2CodeConverter.asUri(args.uri);
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!document || document.version !== args.version) {
    void vscode.window.showWarningMessage('Kube Ready: the file changed since this quick fix was offered. Open the quick fixes again.');
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, client.protocol2CodeConverter.asRange(args.range), args.prefix + tag);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage('Kube Ready: the editor refused the change; the file may be read-only.');
  }
}

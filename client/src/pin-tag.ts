/**
 * The `kubeready.pinImageTag` command, run by the server's "Pin <image> to a tag…" quick fix: asks
 * for a tag and writes it where the fix said, unless the document changed since.
 */
import * as vscode from 'vscode';
import type { LanguageClient, Range } from 'vscode-languageclient/node';

/** Must match `PIN_TAG_COMMAND` in server/src/lsp/convert.ts. */
export const PIN_TAG_COMMAND = 'kubeready.pinImageTag';

/** A Docker tag: a word character, then up to 127 word characters, dots and dashes. */
const DOCKER_TAG = /^[\w][\w.-]{0,127}$/;

/**
 * The argument the server puts on a "Pin <image> to a tag…" code action: a wire contract, kept in
 * step with `PinTagArguments` in server/src/lsp/convert.ts (the client bundle cannot import server code).
 */
interface PinTagArguments {
  uri: string;
  version: number;
  range: Range;
  prefix: string;
  prompt: string;
  placeholder: string;
}

/** Asks for a tag and writes it where the quick fix said, unless the document changed since. */
export async function pinImageTag(client: LanguageClient, args: PinTagArguments): Promise<void> {
  if (!args || typeof args.uri !== 'string' || !args.range) return;
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

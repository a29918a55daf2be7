/**
 * The "Kube Ready" language status item of Dockerfiles and YAML files: whether the active file is
 * checked as a Dockerfile, as Kubernetes manifests, or not (and why), from the server's
 * `kubeready/status` notifications.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { describeStatus, isFileStatus, STATUS_METHOD } from './status-text';
import type { FileStatus } from './status-text';

/** Keeps the last status of each open document and shows the active one's. */
export class FileStatusItem implements vscode.Disposable {
  private readonly statuses = new Map<string, FileStatus>();
  private readonly item: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];

  /**
   * @param selector the documents the language client sends to the server
   * @param command run from the item's link (shows the output)
   */
  constructor(
    private readonly client: LanguageClient,
    selector: vscode.DocumentSelector,
    command: vscode.Command,
  ) {
    this.item = vscode.languages.createLanguageStatusItem('kubeready.status', selector);
    this.item.name = 'Kube Ready';
    this.item.command = command;
    this.disposables.push(
      this.item,
      client.onNotification(STATUS_METHOD, (params: unknown) => this.received(params)),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((document) => this.statuses.delete(document.uri.toString())),
    );
    this.render();
  }

  /** Removes the item and stops listening. */
  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.statuses.clear();
  }

  private received(params: unknown): void {
    if (!isFileStatus(params)) return;
    const key = this.client.protocol2CodeConverter.asUri(params.uri).toString();
    const known = this.statuses.get(key);
    if (known && known.version > params.version) return;
    this.statuses.set(key, params);
    if (vscode.window.activeTextEditor?.document.uri.toString() === key) this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const shown = describeStatus(uri === undefined ? undefined : this.statuses.get(uri));
    this.item.text = shown.text;
    this.item.detail = shown.detail;
    this.item.busy = shown.busy;
    this.item.severity = vscode.LanguageStatusSeverity[shown.severity];
  }
}

/**
 * Kube Ready's own config file open in the editor: its mistakes as diagnostics on the file itself
 * (code `config`), at the key or value at fault, as the user types. The files it configures pick
 * up a change when it is saved (the client watches the config files).
 */
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigProblem } from '../config/check';
import { CONFIG_FILE_NAMES, configFileProblems } from '../config/config';
import { RULE_IDS } from '../rules/index';
import { DIAGNOSTIC_SOURCE, toRange } from './convert';
import { fileSystemPath } from './project-files';

/** The `code` of every diagnostic on a config file. */
export const CONFIG_DIAGNOSTIC_CODE = 'config';

/** Where the config file's keys are documented. */
const CONFIG_DOCS_URL = 'https://github.com/kubeready/kubeready/blob/main/docs/configuration.md';

/** True when a document URI names a Kube Ready config file (`.kubeready.yaml`, `.yml` or `.json`). */
export function isConfigDocument(uri: string): boolean {
  const name = decodeURIComponent(uri.split(/[/\\]/).pop() ?? '');
  return (CONFIG_FILE_NAMES as readonly string[]).includes(name);
}

/** The diagnostics of an open config file's current text (relative `schemas` files are read from its folder). */
export function configDiagnostics(document: TextDocument): Diagnostic[] {
  const name = decodeURIComponent(document.uri.split('/').pop() ?? '.kubeready.yaml');
  const file = fileSystemPath(document.uri) ?? name;
  return configFileProblems(document.getText(), file, RULE_IDS).map((problem) => toConfigDiagnostic(document, problem));
}

function toConfigDiagnostic(document: TextDocument, problem: ConfigProblem): Diagnostic {
  return {
    range: toRange(document, problem.start, problem.end),
    severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Information,
    code: CONFIG_DIAGNOSTIC_CODE,
    codeDescription: { href: CONFIG_DOCS_URL },
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
  };
}

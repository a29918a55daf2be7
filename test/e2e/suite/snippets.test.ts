/**
 * Snippets in the editor: each snippet the extension contributes, inserted by name in a new
 * document, gives no diagnostic. To know that the server checked the snippet's text (and not that it
 * has not answered yet), each document first shows a known problem, and after the snippet a known
 * problem is added at the end: exactly that one must appear.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { KNOWN_PROBLEM } from './expected';
import { closeAllEditors, EXTENSION_ID, fullRange, rangeText, ruleOf, waitForDiagnostics, waitForRules, waitForText } from './helpers';
import { afterTest } from './ui';

/** The text each new document starts with, per snippet language: one known problem, which the snippet replaces. */
const START: Record<string, { text: string; marker: string; rule: string }> = {
  dockerfile: { text: 'FROM alpine:latest\nUSER 10001\n', marker: 'alpine:latest', rule: 'latest-tag' },
  yaml: { text: KNOWN_PROBLEM.yaml.text, marker: 'name: probe', rule: KNOWN_PROBLEM.yaml.rule },
};

interface ContributedSnippet {
  language: string;
  name: string;
  prefix: string;
  /** The start of the snippet's first line, up to its first placeholder. */
  literalStart: string;
}

/** The snippets the extension under test contributes (read from its own package.json and snippet files). */
function contributedSnippets(): ContributedSnippet[] {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const manifest = extension.packageJSON as { contributes?: { snippets?: { language: string; path: string }[] } };
  const snippets: ContributedSnippet[] = [];
  for (const { language, path } of manifest.contributes?.snippets ?? []) {
    const file = JSON.parse(readFileSync(join(extension.extensionPath, path), 'utf8')) as Record<string, { prefix: string; body: string | string[] }>;
    for (const [name, { prefix, body }] of Object.entries(file)) {
      const firstLine = (Array.isArray(body) ? body[0] : body).split('\n')[0];
      snippets.push({ language, name, prefix, literalStart: firstLine.split('$')[0] });
    }
  }
  return snippets;
}

suite('snippets', () => {
  teardown(afterTest(closeAllEditors));

  const snippets = contributedSnippets();

  test('the extension contributes Dockerfile and Kubernetes snippets', () => {
    assert.ok(snippets.some((s) => s.language === 'dockerfile'));
    assert.ok(snippets.some((s) => s.language === 'yaml'));
  });

  for (const snippet of snippets) {
    test(`${snippet.language} snippet "${snippet.name}" (${snippet.prefix}) gives no diagnostic`, async () => {
      const start = START[snippet.language];
      const known = KNOWN_PROBLEM[snippet.language];
      assert.ok(start && known, `a known problem for ${snippet.language}`);
      const document = await vscode.workspace.openTextDocument({ language: snippet.language, content: start.text });
      const editor = await vscode.window.showTextDocument(document);
      await waitForRules(document.uri, [start.rule]);

      // Replace the whole text with the snippet, inserted by name as from the snippet picker.
      editor.selection = new vscode.Selection(fullRange(document).start, fullRange(document).end);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: snippet.language, name: snippet.name });
      await waitForText(document, (text) => !text.includes(start.marker), `snippet "${snippet.name}" to replace the text`);
      assert.ok(document.lineAt(0).text.startsWith(snippet.literalStart), `the document starts with the snippet: ${document.lineAt(0).text}`);
      await waitForDiagnostics(document.uri, (ds) => ds.length === 0, `no diagnostic for snippet "${snippet.name}"`);

      // The server did check the snippet: a known problem added at the end is the only one reported.
      await vscode.commands.executeCommand('leaveSnippet');
      const last = document.lineAt(document.lineCount - 1);
      const separator = last.text === '' ? '' : '\n';
      assert.ok(await editor.edit((edit) => edit.insert(last.range.end, separator + known.text)));
      const [only] = await waitForRules(document.uri, [known.rule]);
      const line = last.lineNumber + (separator ? 1 : 0) + known.line;
      assert.equal(`${ruleOf(only)} ${rangeText(only.range)}`, `${known.rule} ${line}:${known.start}-${line}:${known.end}`);
    });
  }
});

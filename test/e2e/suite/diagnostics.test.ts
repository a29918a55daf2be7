/** Diagnostics in the editor: every check, on files, a Containerfile and untitled documents; none on files that follow the guide; they follow edits and closing. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CLEAN_FILES, EXPECTED, KNOWN_PROBLEM, RULE_IDS, rulesOf, SECRET_VALUES } from './expected';
import type { Expected } from './expected';
import {
  closeAllEditors,
  fixtureUri,
  kubereadyDiagnostics,
  openFixture,
  rangeText,
  revert,
  ruleOf,
  SOURCE,
  waitForClose,
  waitForDiagnostics,
  waitForRules,
} from './helpers';
import { afterTest } from './ui';

/** A diagnostic as comparable text: rule, range, severity. */
function summarize(rule: string, range: vscode.Range, severity: vscode.DiagnosticSeverity): string {
  return `${rule} ${rangeText(range)} ${vscode.DiagnosticSeverity[severity]}`;
}

function expectedText(e: Expected): string {
  return summarize(e.rule, new vscode.Range(e.line, e.start, e.line, e.end), e.severity);
}

suite('diagnostics', () => {
  teardown(afterTest(closeAllEditors));

  test('the fixtures cover every registered rule', () => {
    const covered = new Set(Object.values(EXPECTED).flatMap((list) => list.map((e) => e.rule)));
    const missing = [...RULE_IDS].filter((id) => !covered.has(id));
    assert.deepEqual(missing, [], 'add a fixture line and an EXPECTED entry (test/e2e/suite/expected.ts) for each new rule');
  });

  for (const file of Object.keys(EXPECTED)) {
    test(`${file}: each check with its code, docs link, range, severity and source`, async () => {
      const document = await openFixture(...file.split('/'));
      const diagnostics = await waitForRules(document.uri, rulesOf(file));
      const actual = diagnostics.map((d) => summarize(ruleOf(d), d.range, d.severity)).sort();
      assert.deepEqual(actual, EXPECTED[file].map(expectedText).sort());
      for (const diagnostic of diagnostics) {
        const rule = ruleOf(diagnostic);
        assert.equal(diagnostic.source, SOURCE);
        assert.ok(typeof diagnostic.code === 'object', `${rule}: the code carries a docs link`);
        assert.equal(diagnostic.code.value, rule);
        assert.equal(diagnostic.code.target.toString(), `https://github.com/kubeready/kubeready/blob/main/docs/rules/${rule}.md`);
        assert.ok(diagnostic.message.length > 20, `${rule}: the message explains the problem`);
        for (const secret of SECRET_VALUES) assert.ok(!diagnostic.message.includes(secret), `${rule}: the message never repeats a secret`);
      }
    });
  }

  for (const file of CLEAN_FILES) {
    test(`${file}: a file that follows the guide gets no diagnostic`, async () => {
      const document = await openFixture(...file.split('/'));
      const editor = await vscode.window.showTextDocument(document);
      // The server answers for the file: a known problem added at its end is reported, and only that one.
      const problem = KNOWN_PROBLEM[document.languageId];
      assert.ok(problem, `a known problem for ${document.languageId}`);
      const end = document.lineAt(document.lineCount - 1).range.end;
      assert.ok(await editor.edit((edit) => edit.insert(end, problem.text)));
      await waitForRules(document.uri, [problem.rule]);
      // Back to the text on disk: the server publishes no diagnostic for it.
      await revert(document);
      await waitForDiagnostics(document.uri, (ds) => ds.length === 0, 'no diagnostic for the file as it is on disk');
    });
  }

  test('a Containerfile is read as a Dockerfile', async () => {
    const document = await openFixture('Containerfile');
    assert.equal(document.languageId, 'dockerfile');
  });

  test('untitled documents are checked, Dockerfile and YAML', async () => {
    // An untitled Dockerfile has no folder, so nobody can tell whether a .dockerignore covers its COPY: no finding for that.
    const dockerfile = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM alpine:latest\nCOPY . /app\nUSER 10001\n' });
    await vscode.window.showTextDocument(dockerfile);
    assert.equal(dockerfile.uri.scheme, 'untitled');
    const [latest] = await waitForRules(dockerfile.uri, ['latest-tag']);
    assert.equal(rangeText(latest.range), '0:12-0:18');

    const manifest = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: edge\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 443\n',
    });
    await vscode.window.showTextDocument(manifest);
    const [cost] = await waitForRules(manifest.uri, ['loadbalancer-cost']);
    assert.equal(rangeText(cost.range), '5:8-5:20');
  });

  test('diagnostics follow edits: a typed fix removes its diagnostic, an inserted line moves the others', async () => {
    const document = await openFixture('Dockerfile');
    await waitForRules(document.uri, rulesOf('Dockerfile'));
    const editor = await vscode.window.showTextDocument(document);

    // Type a tag over `latest`, as a user would.
    assert.ok(await editor.edit((edit) => edit.replace(new vscode.Range(1, 12, 1, 18), '3.12-slim')));
    const afterFix = await waitForRules(document.uri, ['untagged-image', 'plaintext-secret']);
    assert.deepEqual(afterFix.map((d) => `${ruleOf(d)} ${rangeText(d.range)}`).sort(), ['plaintext-secret 7:16-7:35', 'untagged-image 6:5-6:11']);

    // A new first line: the remaining diagnostics move down with their text.
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# syntax=docker/dockerfile:1\n')));
    const moved = await waitForDiagnostics(
      document.uri,
      (ds) => ds.length === 2 && ds.every((d) => d.range.start.line >= 7),
      'the diagnostics one line lower',
    );
    assert.deepEqual(moved.map((d) => `${ruleOf(d)} ${rangeText(d.range)}`).sort(), ['plaintext-secret 8:16-8:35', 'untagged-image 7:5-7:11']);

    // Breaking the file adds a syntax error; undoing everything brings back exactly the original diagnostics.
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(3, 0), 'COPY\n')));
    await waitForRules(document.uri, ['syntax', 'untagged-image', 'plaintext-secret']);
    await revert(document);
    await waitForRules(document.uri, rulesOf('Dockerfile'));
  });

  test('closing a file clears its diagnostics', async () => {
    const document = await openFixture('k8s', 'app.yaml');
    await waitForRules(document.uri, rulesOf('k8s/app.yaml'));
    const closed = waitForClose(document);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await closed;
    await waitForDiagnostics(document.uri, (ds) => ds.length === 0, 'no diagnostics after closing');
    assert.deepEqual(kubereadyDiagnostics(fixtureUri('k8s', 'app.yaml')), []);
  });
});

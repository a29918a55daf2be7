/**
 * The Problems panel as a user sees it, read from the page (offline host only): each diagnostic is a
 * row with its message, source, rule id and position.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED, rulesOf } from './expected';
import { closeAllEditors, openFixture, ruleOf, waitForRules } from './helpers';
import { afterTest, pageDriver, pollUntil } from './ui';

/** The problem rows listed under a file's row ("<name> <count>") in the panel. */
function rowsOfFile(rows: readonly string[], name: string): string[] {
  const header = rows.findIndex((row) => new RegExp(`^${name.replace(/[.]/g, '\\.')} \\d+$`).test(row));
  if (header < 0) return [];
  const problems: string[] = [];
  for (const row of rows.slice(header + 1)) {
    if (!/\[Ln \d+, Col \d+\]$/.test(row)) break;
    problems.push(row);
  }
  return problems;
}

suite('Problems panel', () => {
  teardown(
    afterTest(async () => {
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await closeAllEditors();
    }),
  );

  test('lists each Kube Ready diagnostic of the Dockerfile with its source, rule and position', async function () {
    const page = pageDriver();
    if (!page) this.skip(); // reading the panel needs the offline host's page
    const document = await openFixture('Dockerfile');
    const diagnostics = await waitForRules(document.uri, rulesOf('Dockerfile'));
    await vscode.commands.executeCommand('workbench.actions.view.problems');

    const rows = await pollUntil(
      () => page.problemRows(),
      (all) => rowsOfFile(all, 'Dockerfile').length === diagnostics.length,
      `${diagnostics.length} rows under Dockerfile in the Problems panel`,
    );
    assert.ok(rows.includes(`Dockerfile ${diagnostics.length}`), `the file row counts its problems: ${rows.join(' | ')}`);
    const fileRows = rowsOfFile(rows, 'Dockerfile');
    for (const expected of EXPECTED.Dockerfile) {
      const diagnostic = diagnostics.find((d) => ruleOf(d) === expected.rule);
      assert.ok(diagnostic);
      const row = fileRows.find((r) => r.startsWith(diagnostic.message));
      assert.ok(row, `a row with the message of ${expected.rule}: ${fileRows.join(' | ')}`);
      assert.ok(row.endsWith(` kubeready ${expected.rule} [Ln ${expected.line + 1}, Col ${expected.start + 1}]`), `the row shows source, rule and position: ${row}`);
    }
  });
});

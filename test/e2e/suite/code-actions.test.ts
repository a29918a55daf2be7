/**
 * Quick fixes in the editor: every quick fix of every diagnostic in the fixtures, applied with
 * `workspace.applyEdit`, removes its diagnostic (a fix that creates a file creates it, and the file
 * is deleted again); "Create .dockerignore" works from VS Code's own code action path; "Pin <image>
 * to a tag…" asks for the tag in the input box and writes it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED, rulesOf } from './expected';
import {
  closeAllEditors,
  DEADLINE_MS,
  fileExists,
  fixtureUri,
  kubereadyDiagnostics,
  openFixture,
  rangeText,
  revert,
  ruleOf,
  waitForClose,
  waitForDiagnostics,
  waitForRules,
} from './helpers';
import { afterTest, pageDriver, pollUntil } from './ui';

const PIN_TAG_COMMAND = 'kubeready.pinImageTag';
const PIN_PYTHON = 'Pin python to a tag…';

/**
 * The quick fixes VS Code offers at a range, as the light bulb would list them: the fixes of every
 * diagnostic there (the probe rules share a range). The API returns them without their diagnostics.
 */
async function quickFixesAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
  );
  // Kube Ready's are plain quick fixes; built-in AI actions ("Fix", "Explain") are `quickfix.copilot`.
  return all.filter((a): a is vscode.CodeAction => 'kind' in a && a.kind?.value === vscode.CodeActionKind.QuickFix.value);
}

/** The diagnostics grouped by range: the rules found at each place. */
function byRange(diagnostics: readonly vscode.Diagnostic[]): { range: vscode.Range; rules: string[] }[] {
  const groups = new Map<string, { range: vscode.Range; rules: string[] }>();
  for (const diagnostic of diagnostics) {
    const key = rangeText(diagnostic.range);
    const group = groups.get(key) ?? { range: diagnostic.range, rules: [] };
    group.rules.push(ruleOf(diagnostic));
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The quick fixes at a range once their titles satisfy `done`; fails after the deadline, saying what was offered. */
function offeredWhen(uri: vscode.Uri, range: vscode.Range, done: (titles: string[]) => boolean, what: string): Promise<vscode.CodeAction[]> {
  return pollUntil(() => quickFixesAt(uri, range), (actions) => done(actions.map((a) => a.title)), `the quick fixes ${what} at ${rangeText(range)}`);
}

function count(diagnostics: readonly vscode.Diagnostic[], rule: string): number {
  return diagnostics.filter((d) => ruleOf(d) === rule).length;
}

/** The files other than `document` that an edit writes to, with the text it inserts into each (a quick fix that creates a file). */
function otherFiles(edit: vscode.WorkspaceEdit, document: vscode.TextDocument): { uri: vscode.Uri; text: string }[] {
  return edit
    .entries()
    .filter(([uri]) => uri.toString() !== document.uri.toString())
    .map(([uri, edits]) => ({ uri, text: edits.map((e) => e.newText).join('') }));
}

/**
 * Deletes files a quick fix created, as a user would with the explorer (unsaved changes to them are
 * dropped), and waits until VS Code has closed their documents.
 */
async function deleteCreated(uris: readonly vscode.Uri[]): Promise<void> {
  const open = vscode.workspace.textDocuments.filter((d) => uris.some((uri) => uri.toString() === d.uri.toString()));
  const closed = open.map((document) => waitForClose(document));
  const edit = new vscode.WorkspaceEdit();
  for (const uri of uris) edit.deleteFile(uri, { ignoreIfNotExists: true });
  assert.ok(await vscode.workspace.applyEdit(edit), 'the created files are deleted');
  await Promise.all(closed);
  for (const uri of uris) assert.equal(await fileExists(uri), false, `${uri.path} is gone again`);
}

/** What "Create .dockerignore" writes next to no-dockerignore/Dockerfile: common leftovers, and the Dockerfile itself. */
const DOCKERIGNORE = [
  '# Files the image does not need. The builder leaves them out of the build context.',
  '.git',
  '.dockerignore',
  '.env',
  '.env.*',
  '*.log',
  'node_modules',
  '.venv',
  '__pycache__',
  '*.pyc',
  '.pytest_cache',
  '.idea',
  '.vscode',
  'Dockerfile',
  '',
].join('\n');

/** Time for one file's quick fixes: each is applied, checked and undone, with a server round trip for each step. */
const PER_FIX_MS = 8_000;

suite('code actions', () => {
  teardown(afterTest(closeAllEditors));

  const files = Object.keys(EXPECTED).filter((file) => EXPECTED[file].some((e) => e.rule !== 'syntax'));
  for (const file of files) {
    test(`${file}: each quick fix with an edit removes its diagnostic`, async function () {
      this.timeout(DEADLINE_MS + EXPECTED[file].length * 3 * PER_FIX_MS);
      const document = await openFixture(...file.split('/'));
      const original = await waitForRules(document.uri, rulesOf(file));
      let applied = 0;
      for (const { range, rules } of byRange(original)) {
        if (rules.every((rule) => rule === 'syntax')) {
          assert.deepEqual((await quickFixesAt(document.uri, range)).map((a) => a.title), [], 'a syntax error has no quick fix');
          continue;
        }
        // Every finding can at least be ignored here (waits out a republish: the server gives no fix for a superseded version's diagnostic).
        const ignores = rules.map((rule) => `Ignore ${rule} here`);
        const titles = (await offeredWhen(document.uri, range, (ts) => ignores.every((t) => ts.includes(t)), `${ignores.join(', ')}`)).map((a) => a.title);
        for (const title of titles) {
          const before = kubereadyDiagnostics(document.uri);
          const action = (await offeredWhen(document.uri, range, (ts) => ts.includes(title), `"${title}" again`)).find((a) => a.title === title);
          assert.ok(action);
          assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value);
          if (!action.edit) {
            assert.equal(action.command?.command, PIN_TAG_COMMAND, `"${title}" has an edit or asks for a tag`);
            continue;
          }
          const created = otherFiles(action.edit, document);
          for (const { uri } of created) assert.equal(await fileExists(uri), false, `"${title}" edits ${uri.path} only to create it`);
          try {
            assert.ok(await vscode.workspace.applyEdit(action.edit), `"${title}" applies`);
            await waitForDiagnostics(
              document.uri,
              (ds) => rules.some((rule) => count(ds, rule) < count(before, rule)) && count(ds, 'syntax') <= count(before, 'syntax'),
              `"${title}" to remove a diagnostic of ${rules.join(' or ')} without breaking the file`,
            );
            applied++;
            for (const { uri, text } of created) {
              assert.ok(await fileExists(uri), `"${title}" created ${uri.path}`);
              const createdDocument = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
              assert.equal(createdDocument?.getText(), text, `${uri.path} holds what "${title}" wrote`);
            }
          } finally {
            // Created files go, whatever happened: the fixture folder must stay as it was for the other tests.
            if (created.length > 0) await deleteCreated(created.map((c) => c.uri));
          }
          await revert(document);
          await waitForRules(document.uri, rulesOf(file));
        }
      }
      assert.ok(applied >= original.filter((d) => ruleOf(d) !== 'syntax').length, 'at least one fix applied per diagnostic');
    });
  }

  test('"Switch to ClusterIP and add an Ingress" leaves a clean Service and a clean Ingress', async () => {
    const document = await openFixture('k8s', 'app.yaml');
    const diagnostics = await waitForRules(document.uri, rulesOf('k8s/app.yaml'));
    const cost = diagnostics.find((d) => ruleOf(d) === 'loadbalancer-cost');
    assert.ok(cost);
    const title = 'Switch to ClusterIP and add an Ingress for port 80';
    const action = (await offeredWhen(document.uri, cost.range, (ts) => ts.includes(title), title)).find((a) => a.title === title);
    assert.ok(action?.edit, 'the switch is offered with an edit');
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    await waitForRules(document.uri, rulesOf('k8s/app.yaml').filter((rule) => rule !== 'loadbalancer-cost'));
    assert.match(document.getText(), /^ {2}type: ClusterIP$/m);
    assert.match(document.getText(), /^kind: Ingress$/m);
    await revert(document);
  });

  test('"Create .dockerignore" from the light bulb writes the file next to the Dockerfile; deleting it brings the warning back', async () => {
    const document = await openFixture('no-dockerignore', 'Dockerfile');
    const [warning] = await waitForRules(document.uri, rulesOf('no-dockerignore/Dockerfile'));
    const ignoreFile = fixtureUri('no-dockerignore', '.dockerignore');
    assert.equal(await fileExists(ignoreFile), false);
    try {
      // As a user picks the preferred fix at the cursor (Ctrl+. then Enter): VS Code's own code action path.
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(warning.range.start, warning.range.start);
      await offeredWhen(document.uri, warning.range, (ts) => ts.includes('Create .dockerignore'), '"Create .dockerignore"');
      await vscode.commands.executeCommand('editor.action.codeAction', { kind: vscode.CodeActionKind.QuickFix.value, preferred: true, apply: 'first' });
      await waitForDiagnostics(document.uri, (ds) => ds.length === 0, 'the warning gone once .dockerignore exists');
      // VS Code saves a file that a quick fix creates: it is on disk with its content, not left unsaved.
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(ignoreFile)), DOCKERIGNORE);
      assert.equal(document.isDirty, false, 'the Dockerfile itself is not edited');
    } finally {
      await deleteCreated([ignoreFile]);
    }
    await waitForRules(document.uri, rulesOf('no-dockerignore/Dockerfile'));
  });

  test('"Pin alpine to 3.20" comes from another open file and pins the tag', async () => {
    const job = await openFixture('k8s', 'job.yaml'); // uses alpine:3.20
    const document = await openFixture('Dockerfile');
    const diagnostics = await waitForRules(document.uri, rulesOf('Dockerfile'));
    const untagged = diagnostics.find((d) => ruleOf(d) === 'untagged-image');
    assert.ok(untagged);
    // The workspace index is fed by open documents; wait until the Dockerfile's fixes know job.yaml's tag.
    const pinAlpine = 'Pin alpine to 3.20';
    const pin = (await offeredWhen(document.uri, untagged.range, (ts) => ts.includes(pinAlpine), `"${pinAlpine}" (with ${job.uri.path} open)`)).find(
      (a) => a.title === pinAlpine,
    );
    assert.ok(pin?.edit);
    assert.ok(await vscode.workspace.applyEdit(pin.edit));
    await waitForRules(document.uri, ['latest-tag', 'plaintext-secret']);
    assert.equal(document.lineAt(6).text, 'FROM alpine:3.20');
  });

  test('"Pin python to a tag…" asks for the tag in the input box, refuses a bad one and writes a good one', async function () {
    const page = pageDriver();
    if (!page) this.skip(); // typing into the input box needs the offline host's page
    const document = await openFixture('Dockerfile');
    const diagnostics = await waitForRules(document.uri, rulesOf('Dockerfile'));
    const latest = diagnostics.find((d) => ruleOf(d) === 'latest-tag');
    assert.ok(latest);
    const pin = (await offeredWhen(document.uri, latest.range, (ts) => ts.includes(PIN_PYTHON), PIN_PYTHON)).find((a) => a.title === PIN_PYTHON);
    assert.ok(pin?.command, 'the pin action carries a command');
    assert.equal(pin.command.command, PIN_TAG_COMMAND);

    const done = vscode.commands.executeCommand(pin.command.command, ...(pin.command.arguments ?? []));
    const shown = await pollUntil(() => page.quickInput(), (s) => s.visible, 'the input box');
    assert.match(shown.message, /python/, 'the prompt names the image');

    const refused = await page.fillQuickInput('-bad');
    assert.equal(refused.value, '-bad');
    await pollUntil(() => page.quickInput(), (s) => /A tag is 1 to 128/.test(s.message), 'the validation message');
    await page.press('Enter'); // refused: the box stays open and the document unchanged

    await page.fillQuickInput('3.12-slim');
    await pollUntil(() => page.quickInput(), (s) => s.value === '3.12-slim' && !/A tag is/.test(s.message), 'the tag accepted');
    await page.press('Enter');
    await done;
    assert.equal(document.lineAt(1).text, 'FROM python:3.12-slim AS build');
    await waitForRules(document.uri, ['untagged-image', 'plaintext-secret']);
    await revert(document);
  });

  test('a tag typed after the file changed is not written: the user is told to ask again', async function () {
    const page = pageDriver();
    if (!page) this.skip(); // typing into the input box needs the offline host's page
    const document = await openFixture('Dockerfile');
    const diagnostics = await waitForRules(document.uri, rulesOf('Dockerfile'));
    const latest = diagnostics.find((d) => ruleOf(d) === 'latest-tag');
    assert.ok(latest);
    const pin = (await offeredWhen(document.uri, latest.range, (ts) => ts.includes(PIN_PYTHON), PIN_PYTHON)).find((a) => a.title === PIN_PYTHON);
    assert.ok(pin?.command);

    const editor = await vscode.window.showTextDocument(document);
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# changed after the fix was offered\n')));
    const changed = document.getText();
    const done = vscode.commands.executeCommand(pin.command.command, ...(pin.command.arguments ?? []));
    await page.fillQuickInput('3.12-slim');
    await page.press('Enter');
    await done;
    assert.equal(document.getText(), changed, 'nothing written over the changed file');
    await vscode.commands.executeCommand('notifications.showList');
    await pollUntil(() => page.notifications(), (texts) => texts.some((t) => t.includes('the file changed since this quick fix was offered')), 'the warning');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('notifications.hideList');
    await revert(document);
  });

  test('closing the input box of "Pin python to a tag…" leaves the file as it was', async () => {
    const document = await openFixture('Dockerfile');
    const diagnostics = await waitForRules(document.uri, rulesOf('Dockerfile'));
    const latest = diagnostics.find((d) => ruleOf(d) === 'latest-tag');
    assert.ok(latest);
    const pin = (await offeredWhen(document.uri, latest.range, (ts) => ts.includes(PIN_PYTHON), PIN_PYTHON)).find((a) => a.title === PIN_PYTHON);
    assert.ok(pin?.command);
    const version = document.version;
    let finished = false;
    const done = vscode.commands.executeCommand(pin.command.command, ...(pin.command.arguments ?? [])).then(() => {
      finished = true;
    });
    // Close the input box until the command returns (the box may not be up yet on the first try).
    const end = Date.now() + DEADLINE_MS;
    while (!finished) {
      assert.ok(Date.now() < end, 'the command returns once its input box is closed');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 50))]); // poll interval
    }
    assert.equal(document.version, version, 'no edit was made');
    assert.equal(document.isDirty, false);
  });
});

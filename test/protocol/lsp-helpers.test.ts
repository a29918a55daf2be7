/** The language server's edge helpers (server/src/lsp), without a connection. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, mock, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigError } from '../../server/src/config/config';
import { applyEdits } from '../../server/src/engine';
import type { Finding, Fix } from '../../server/src/findings';
import { type CheckOutcome, DocumentChecker } from '../../server/src/lsp/checker';
import {
  FIX_ALL_KIND,
  fixAllAction,
  fixToCodeAction,
  kindRequested,
  minimalEdit,
  quickFixes,
  readDiagnosticData,
  toDiagnostic,
} from '../../server/src/lsp/convert';
import { Debouncer } from '../../server/src/lsp/debounce';
import { describeError } from '../../server/src/lsp/log';
import { configErrorMessage, displayName, fileSystemPath, ProjectFiles } from '../../server/src/lsp/project-files';
import { DEFAULT_SETTINGS, readSettings, SettingsStore } from '../../server/src/lsp/settings';
import { ruleById } from '../../server/src/rules/index';
import { fileUri, removeDir, tempDir } from './harness';

function finding(overrides: Partial<Finding> = {}): Finding {
  return { ruleId: 'latest-tag', severity: 'warning', message: 'm', start: 0, end: 1, fixes: [], related: [], ...overrides };
}

describe('convert', () => {
  const document = TextDocument.create('file:///w/app.yaml', 'yaml', 7, 'a: 1\r\nb: 2\nc: 😀\n');

  test('a finding becomes a diagnostic with LSP positions, severity, docs link and related locations', () => {
    const diagnostic = toDiagnostic(
      document,
      finding({ ruleId: 'loadbalancer-cost', severity: 'info', start: 6, end: 10, related: [{ start: 14, end: 16, message: 'here' }] }),
    );
    assert.deepEqual(diagnostic, {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } },
      severity: 3,
      code: 'loadbalancer-cost',
      codeDescription: { href: 'https://github.com/kubeready/kubeready/blob/main/docs/rules/loadbalancer-cost.md' },
      source: 'kubeready',
      message: 'm',
      data: { ruleId: 'loadbalancer-cost', start: 6, end: 10, version: 7 },
      relatedInformation: [
        { location: { uri: 'file:///w/app.yaml', range: { start: { line: 2, character: 3 }, end: { line: 2, character: 5 } } }, message: 'here' },
      ],
    });
    assert.equal(toDiagnostic(document, finding({ severity: 'error' })).severity, 1);
  });

  test('diagnostic data is read back only from our own, well-formed diagnostics', () => {
    const ours = toDiagnostic(document, finding());
    assert.deepEqual(readDiagnosticData(ours), { ruleId: 'latest-tag', start: 0, end: 1, version: 7 });
    assert.equal(readDiagnosticData({ ...ours, source: 'yaml' }), null);
    assert.equal(readDiagnosticData({ ...ours, data: { ruleId: 'latest-tag', start: '0', end: 1, version: 7 } }), null);
    assert.equal(readDiagnosticData({ ...ours, data: undefined }), null);
  });

  test('fixes become quick fixes with versioned or plain edits; an input fix becomes the pin-tag command', () => {
    const f = finding({ start: 0, end: 1 });
    const diagnostic = toDiagnostic(document, f);
    const edit: Fix = { title: 'Edit', safety: 'unsafe', preferred: true, edits: [{ start: 6, end: 7, newText: 'B' }] };
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } };
    assert.deepEqual(fixToCodeAction(document, edit, diagnostic, { documentChanges: true }), {
      title: 'Edit',
      kind: 'quickfix',
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { documentChanges: [{ textDocument: { uri: document.uri, version: 7 }, edits: [{ range, newText: 'B' }] }] },
    });
    assert.deepEqual(fixToCodeAction(document, edit, diagnostic, { documentChanges: false })?.edit, {
      changes: { [document.uri]: [{ range, newText: 'B' }] },
    });
    const input: Fix = {
      title: 'Pin x to a tag…',
      safety: 'unsafe',
      edits: [],
      input: { kind: 'image-tag', prompt: 'Tag?', placeholder: '1.0', start: 3, end: 4, prefix: ':' },
    };
    assert.deepEqual(fixToCodeAction(document, input, diagnostic, { documentChanges: true }), {
      title: 'Pin x to a tag…',
      kind: 'quickfix',
      diagnostics: [diagnostic],
      command: {
        title: 'Pin x to a tag…',
        command: 'kubeready.pinImageTag',
        arguments: [{ uri: document.uri, version: 7, range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, prefix: ':', prompt: 'Tag?', placeholder: '1.0' }],
      },
    });
  });

  test('quick fixes are offered for the matching finding of the same version only', () => {
    const fix: Fix = { title: 'Edit', safety: 'unsafe', edits: [{ start: 0, end: 1, newText: 'A' }] };
    const f = finding({ fixes: [fix] });
    const diagnostic = toDiagnostic(document, f);
    assert.deepEqual(quickFixes(document, [f], [diagnostic], { documentChanges: false }).map((a) => a.title), ['Edit']);
    const older = TextDocument.create(document.uri, 'yaml', 6, document.getText());
    assert.deepEqual(quickFixes(document, [f], [toDiagnostic(older, f)], { documentChanges: false }), []);
    assert.deepEqual(quickFixes(document, [finding({ start: 1, end: 2, fixes: [fix] })], [diagnostic], { documentChanges: false }), []);
  });

  test('the minimal edit keeps the common prefix and suffix, and never splits CRLF or a surrogate pair', () => {
    const cases: [string, string][] = [
      ['abc', 'abc'],
      ['abcdef', 'abXYef'],
      ['', 'new'],
      ['old', ''],
      ['a\r\nb', 'a\nb'],
      ['a\nb', 'a\r\nb'],
      ['x😀y', 'x😁y'],
      ['aaaa', 'aa'],
    ];
    for (const [before, after] of cases) {
      const edit = minimalEdit(before, after);
      if (before === after) {
        assert.equal(edit, null);
        continue;
      }
      assert.ok(edit);
      assert.equal(applyEdits(before, [edit]), after, JSON.stringify([before, after]));
      for (const offset of [edit.start, edit.end]) {
        const pair = before.slice(offset - 1, offset + 1);
        assert.ok(pair !== '\r\n' && !/^[\ud800-\udbff][\udc00-\udfff]$/.test(pair), `edit boundary ${offset} splits a pair in ${JSON.stringify(before)}`);
      }
    }
    assert.deepEqual(minimalEdit('abcdef', 'abXYef'), { start: 2, end: 4, newText: 'XY' });
  });

  test('fix-all is one edit to the fixed text, and nothing when the text does not change', () => {
    const action = fixAllAction(document, 'a: 1\r\nb: 3\nc: 😀\n', { documentChanges: false });
    assert.deepEqual(action, {
      title: 'Fix all safe Kube Ready problems',
      kind: FIX_ALL_KIND,
      edit: { changes: { [document.uri]: [{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } }, newText: '3' }] } },
    });
    assert.equal(fixAllAction(document, document.getText(), { documentChanges: false }), null);
  });

  test('kinds are matched hierarchically; no filter asks for everything', () => {
    assert.equal(kindRequested(undefined, FIX_ALL_KIND), true);
    assert.equal(kindRequested(['source'], FIX_ALL_KIND), true);
    assert.equal(kindRequested(['source.fixAll'], FIX_ALL_KIND), true);
    assert.equal(kindRequested(['source.fix'], FIX_ALL_KIND), false);
    assert.equal(kindRequested(['quickfix'], FIX_ALL_KIND), false);
    assert.equal(kindRequested(['quickfix'], 'quickfix'), true);
  });
});

describe('DocumentChecker', () => {
  test('analyses and lints once per version, and relints when the workspace index changes', () => {
    const open = new Map<string, TextDocument>();
    const changed: string[] = [];
    const checker = new DocumentChecker(new ProjectFiles(), () => open.values(), { onIndexChange: (uri) => changed.push(uri) });
    const a = TextDocument.create('untitled:a', 'dockerfile', 1, 'FROM python:latest\n');
    open.set(a.uri, a);
    const first = checker.check(a);
    assert.equal(first.status, 'checked');
    assert.equal(checker.check(a), first, 'the same version gives the cached result');
    assert.deepEqual(changed, ['untitled:a'], 'python:latest entered the index');

    const b = TextDocument.create('untitled:b', 'dockerfile', 1, 'FROM python:3.12\n');
    open.set(b.uri, b);
    checker.check(b);
    assert.deepEqual(changed, ['untitled:a', 'untitled:b']);
    const relinted = checker.check(a);
    assert.notEqual(relinted, first, 'a new index gives a new result');
    const pinFixes = (outcome: CheckOutcome): string[] =>
      outcome.status === 'checked' ? (outcome.findings.find((f) => f.ruleId === 'latest-tag')?.fixes ?? []).map((f) => f.title) : [];
    assert.ok(pinFixes(relinted).includes('Pin python to 3.12'));

    const b2 = TextDocument.update(b, [{ text: '# same image\nFROM python:3.12\n' }], 2);
    open.set(b.uri, b2);
    checker.check(b2);
    assert.deepEqual(changed, ['untitled:a', 'untitled:b'], 'same tags: the index did not change');

    open.delete(b.uri);
    checker.forget(b.uri);
    assert.deepEqual(changed, ['untitled:a', 'untitled:b', 'untitled:b']);
    const alone = checker.check(a);
    assert.equal(alone.status, 'checked');
    assert.ok(!pinFixes(alone).includes('Pin python to 3.12'));
    assert.ok(pinFixes(alone).includes('Pin python to a tag…'));
  });

  test('reports what it does not check', () => {
    const checker = new DocumentChecker(new ProjectFiles(), () => []);
    assert.deepEqual(checker.check(TextDocument.create('untitled:x', 'markdown', 1, '# hi')), { status: 'unsupported' });
    const workflow = checker.check(TextDocument.create('file:///w/.github/workflows/ci.yaml', 'yaml', 1, 'on: push\n'));
    assert.equal(workflow.status, 'skipped');
  });

  test('fix-all applies every safe fix and no other, and gives null without safe fixes', () => {
    const document = TextDocument.create('untitled:d', 'dockerfile', 1, 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\nADD app.sh /app/\n');
    const checker = new DocumentChecker(new ProjectFiles(), () => [document]);
    assert.equal(checker.fixAll(document), 'FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends -y curl ca-certificates && rm -rf /var/lib/apt/lists/*\nCOPY app.sh /app/\n');
    const rootOnly = TextDocument.create('untitled:e', 'dockerfile', 1, 'FROM debian:12-slim\nCOPY app.sh /app/\n');
    assert.equal(new DocumentChecker(new ProjectFiles(), () => [rootOnly]).fixAll(rootOnly), null, 'the USER fix is unsafe');
    const latestTag = ruleById('latest-tag');
    assert.ok(latestTag);
    const limited = new DocumentChecker(new ProjectFiles(), () => [document], { rules: [latestTag] });
    assert.equal(limited.fixAll(document), null, 'only the configured rules run');
  });
});

describe('ProjectFiles', () => {
  test('file URIs map to paths; other documents have none', () => {
    assert.equal(fileSystemPath(fileUri('/w', 'a b', 'Dockerfile')), path.join('/w', 'a b', 'Dockerfile'));
    assert.equal(fileSystemPath('untitled:Untitled-1'), undefined);
    assert.equal(displayName(fileUri('/w', 'app.yaml')), 'app.yaml');
    assert.equal(displayName('untitled:Untitled-1'), 'untitled:Untitled-1');
  });

  test('a broken config gives the defaults and is reported once until the files change', (t) => {
    const dir = tempDir();
    t.after(() => removeDir(dir));
    const config = path.join(dir, '.kubeready.yaml');
    fs.writeFileSync(config, 'rules:\n  latest-tag: loud\n');
    const files = new ProjectFiles();
    const context = files.contextFor(path.join(dir, 'Dockerfile'));
    assert.ok(context.configError instanceof ConfigError);
    assert.deepEqual(context.config, { rules: {}, ignore: [], trustedRegistries: [] });
    assert.equal(files.firstReport(context.configError), true);
    assert.equal(files.firstReport(context.configError), false);
    assert.match(configErrorMessage(context.configError), new RegExp(`^Kube Ready cannot use ${config.replace(/[.]/g, '\\.')}: .*latest-tag.*\\. Files are checked with the default settings until it is fixed\\.$`));

    fs.writeFileSync(config, 'rules:\n  latest-tag: error\nignore:\n  - legacy/**\n');
    assert.ok(files.contextFor(path.join(dir, 'Dockerfile')).configError, 'cached until invalidated');
    const generation = files.generation;
    files.invalidate();
    assert.equal(files.generation, generation + 1);
    assert.deepEqual(files.contextFor(path.join(dir, 'Dockerfile')).config.rules, { 'latest-tag': 'error' });
    assert.equal(files.contextFor(path.join(dir, 'legacy', 'Dockerfile')).ignored, true);
    assert.equal(files.contextFor(undefined).configPath, null);
  });
});

describe('settings', () => {
  test('missing or mistyped settings get their defaults', () => {
    assert.deepEqual(readSettings(undefined), { ...DEFAULT_SETTINGS, enable: true });
    assert.deepEqual(readSettings({ enable: 'no' }), { ...DEFAULT_SETTINGS, enable: true });
    assert.deepEqual(readSettings({ enable: false }), { ...DEFAULT_SETTINGS, enable: false });
  });

  test('settings are asked for once per document until they change; a failed request gives the defaults', async () => {
    const asked: string[] = [];
    let answer: unknown = { enable: false };
    const store = new SettingsStore(async (uri) => {
      asked.push(uri);
      if (answer instanceof Error) throw answer;
      return answer;
    });
    assert.deepEqual(await store.get('file:///a'), { ...DEFAULT_SETTINGS, enable: false });
    assert.deepEqual(await store.get('file:///a'), { ...DEFAULT_SETTINGS, enable: false });
    assert.deepEqual(asked, ['file:///a']);
    assert.deepEqual(store.known('file:///a'), { ...DEFAULT_SETTINGS, enable: false }, 'known once answered');
    assert.deepEqual(store.known('file:///b'), DEFAULT_SETTINGS, 'the defaults before');
    answer = new Error('no answer');
    store.changed(null);
    assert.deepEqual(await store.get('file:///a'), { ...DEFAULT_SETTINGS, enable: true });
    assert.deepEqual(asked, ['file:///a', 'file:///a']);
  });

  test('without workspace/configuration the pushed settings apply', async () => {
    const store = new SettingsStore(null);
    assert.deepEqual(await store.get('file:///a'), { ...DEFAULT_SETTINGS, enable: true });
    store.changed({ kubeready: { enable: false } });
    assert.deepEqual(await store.get('file:///a'), { ...DEFAULT_SETTINGS, enable: false });
  });
});

describe('Debouncer', () => {
  test('runs the last work for a key once the delay passed, and cancels on request', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const runs: string[] = [];
      const debouncer = new Debouncer(150);
      debouncer.schedule('a', () => runs.push('a1'));
      debouncer.schedule('a', () => runs.push('a2'));
      debouncer.schedule('b', () => runs.push('b1'));
      mock.timers.tick(149);
      assert.equal(runs.length, 0);
      mock.timers.tick(1);
      assert.deepEqual(runs, ['a2', 'b1']);
      debouncer.schedule('c', () => runs.push('c1'));
      debouncer.cancel('c');
      debouncer.schedule('d', () => runs.push('d1'));
      debouncer.dispose();
      mock.timers.tick(500);
      assert.deepEqual(runs, ['a2', 'b1']);
    } finally {
      mock.timers.reset();
    }
  });
});

describe('describeError', () => {
  test('keeps the name and stack frames, never the message (which may quote document text)', () => {
    let error: unknown;
    try {
      JSON.parse('{"password": hunter2}');
    } catch (e) {
      error = e;
    }
    const line = describeError(error);
    assert.match(line, /^SyntaxError at /);
    assert.ok(!line.includes('hunter2'));
    assert.equal(describeError('text'), 'a thrown string');
  });
});

describe('file-creating fixes', () => {
  const document = TextDocument.create('file:///w/app/Dockerfile', 'dockerfile', 3, 'FROM alpine:3.20\nCOPY . /app\n');
  const diagnostic = toDiagnostic(document, finding({ ruleId: 'latest-tag', start: 17, end: 21 }));
  const fix: Fix = { title: 'Create .dockerignore', safety: 'safe', edits: [], createFile: { path: '.dockerignore', content: '.git\n' } };

  test('create the file next to the document, then write its content', () => {
    assert.deepEqual(fixToCodeAction(document, fix, diagnostic, { documentChanges: true, createFiles: true })?.edit, {
      documentChanges: [
        { kind: 'create', uri: 'file:///w/app/.dockerignore', options: { ignoreIfExists: true } },
        { textDocument: { uri: 'file:///w/app/.dockerignore', version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '.git\n' }] },
      ],
    });
  });

  test('are left out for clients that cannot create files', () => {
    assert.equal(fixToCodeAction(document, fix, diagnostic, { documentChanges: true }), null);
    assert.equal(fixToCodeAction(document, fix, diagnostic, { documentChanges: false, createFiles: true }), null);
  });
});

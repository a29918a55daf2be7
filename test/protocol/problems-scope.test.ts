/** The pieces of `kubeready.problems.scope` and file watching, without a server. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readSettings } from '../../server/src/lsp/settings';
import { isConfigFile, isProjectFile } from '../../server/src/lsp/watched-files';
import { ClosedFilePublisher, documentReport, EMPTY_RESULT_ID, workspaceReport } from '../../server/src/lsp/workspace-diagnostics';
import type { ClosedFileDiagnostics, ClosedReport } from '../../server/src/lsp/workspace-diagnostics';

const report = (uri: string, resultId: string): ClosedReport => ({ path: uri.slice('file://'.length), uri, resultId, diagnostics: [] });

describe('problems.scope', () => {
  test('read from the nested section; anything else is openFiles', () => {
    assert.equal(readSettings({ problems: { scope: 'workspace' } }).problemsScope, 'workspace');
    assert.equal(readSettings({ problems: { scope: 'openFiles' } }).problemsScope, 'openFiles');
    assert.equal(readSettings({ problems: { scope: 'all' } }).problemsScope, 'openFiles');
    assert.equal(readSettings({ problems: null }).problemsScope, 'openFiles');
    assert.equal(readSettings(undefined).problemsScope, 'openFiles');
  });

  test('workspace reports: full when new or changed, unchanged when the client has it, empty for files no longer reported', () => {
    const reports = new Map([
      ['file:///a', report('file:///a', 'r1')],
      ['file:///b', report('file:///b', 'r2')],
    ]);
    const items = workspaceReport(reports, [
      { uri: 'file:///a', value: 'r1' },
      { uri: 'file:///b', value: 'old' },
      { uri: 'file:///gone', value: 'r9' },
      { uri: 'file:///cleared', value: EMPTY_RESULT_ID },
    ]);
    assert.deepEqual(
      items.map((i) => [i.uri, i.kind, i.resultId]),
      [
        ['file:///a', 'unchanged', 'r1'],
        ['file:///b', 'full', 'r2'],
        ['file:///gone', 'full', EMPTY_RESULT_ID],
      ],
    );
  });

  test('document reports: empty for a file without a closed report, unchanged when the client has the result', () => {
    assert.deepEqual(documentReport(null, undefined), { kind: 'full', resultId: EMPTY_RESULT_ID, items: [] });
    assert.deepEqual(documentReport(null, EMPTY_RESULT_ID), { kind: 'unchanged', resultId: EMPTY_RESULT_ID });
    assert.deepEqual(documentReport(report('file:///a', 'r1'), 'r0'), { kind: 'full', resultId: 'r1', items: [] });
    assert.deepEqual(documentReport(report('file:///a', 'r1'), 'r1'), { kind: 'unchanged', resultId: 'r1' });
  });

  test('push: a report dropped because the file was opened meanwhile is pushed again once it is closed', async () => {
    const reports = new Map([['file:///a', report('file:///a', 'r1')]]);
    const closed = { reports: () => Promise.resolve(reports) } as unknown as ClosedFileDiagnostics;
    let open = true;
    const sent: string[] = [];
    const publisher = new ClosedFilePublisher(closed, (_path, uri) => {
      if (open) return false;
      sent.push(uri);
      return true;
    });
    await publisher.publish(true);
    assert.deepEqual(sent, [], 'dropped: the open document’s diagnostics win');
    open = false;
    await publisher.publish(true);
    assert.deepEqual(sent, ['file:///a']);
    await publisher.publish(true);
    assert.deepEqual(sent, ['file:///a'], 'an unchanged result is not pushed twice');
  });

  test('project files are configs, kustomizations, .hadolint files and build context ignore files', () => {
    for (const name of ['.kubeready.yaml', '.kubeready.json', 'kustomization.yml', 'Kustomization', '.hadolint.yaml', '.dockerignore', 'api.Dockerfile.dockerignore', '.containerignore']) {
      assert.equal(isProjectFile(`/w/${name}`), true, name);
    }
    for (const name of ['Dockerfile', 'app.yaml', 'values.yml']) assert.equal(isProjectFile(`/w/${name}`), false, name);
    assert.equal(isConfigFile('/w/.kubeready.yml'), true);
    assert.equal(isConfigFile('/w/kustomization.yaml'), false);
  });
});

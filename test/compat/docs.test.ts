/** docs/compatibility.md and the mapping in compat/ids.ts say the same. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTERNAL_CHECKS } from '../../server/src/compat/ids';
import type { Tool } from '../../server/src/compat/ids';
import { RULE_IDS, RULES } from '../../server/src/rules/index';
import { ROOT } from '../cli/helpers';

const TOOLS: readonly Tool[] = ['hadolint', 'kube-linter', 'kube-score', 'checkov'];

/** The table the doc must contain: one row per rule, the checks of each tool that cover it. */
function expectedTable(): string {
  const rows = ['| Kube Ready rule | hadolint | kube-linter | kube-score | Checkov |', '|---|---|---|---|---|'];
  for (const { meta } of RULES) {
    const cells = TOOLS.map((tool) => {
      const names = EXTERNAL_CHECKS.filter((c) => c.tool === tool).flatMap((c) =>
        c.covers.filter((p) => p.rule === meta.id).map((p) => `\`${c.id}\`${p.aspects ? ` (${p.aspects.join(', ')})` : ''}`),
      );
      return names.length > 0 ? names.join(', ') : '—';
    });
    rows.push(`| [${meta.id}](rules/${meta.id}.md) | ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}

test('docs/compatibility.md holds the mapping table of compat/ids.ts, row for row', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'compatibility.md'), 'utf8').replace(/\r\n/g, '\n');
  const start = doc.indexOf('| Kube Ready rule |');
  assert.ok(start >= 0, 'the table is missing');
  const end = doc.indexOf('\n\n', start);
  assert.equal(doc.slice(start, end < 0 ? undefined : end), expectedTable());
});

test('every mapped check names a registered rule, once per tool and id', () => {
  const seen = new Set<string>();
  for (const check of EXTERNAL_CHECKS) {
    for (const part of check.covers) assert.ok(RULE_IDS.has(part.rule), `${check.tool} ${check.id}: no rule ${part.rule}`);
    const key = `${check.tool}:${check.id}`;
    assert.ok(!seen.has(key), `${key} is listed twice`);
    seen.add(key);
  }
});

test('README links docs/compatibility.md', () => {
  assert.match(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), /\(docs\/compatibility\.md\)/);
});

/**
 * Property tests over broken files: real Dockerfiles and manifests, mutated, and generated
 * manifests. Fixed seeds and run counts keep the runs the same everywhere.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { main } from '../../server/src/cli/main';
import { applyFixes, bulkFix, fixText, lintText } from '../../server/src/engine';
import type { Finding } from '../../server/src/findings';
import { fakeIo } from '../cli/helpers';
import { generatedManifest, mutatedFile } from './mutate';
import type { Seed } from './seeds';

const SEED = 20261126;

/** Every range a finding holds (its own, its related locations in this file, its fix edits) is inside the text. */
function assertRangesInside(findings: readonly Finding[], length: number): void {
  for (const finding of findings) {
    const spans = [finding, ...finding.related.filter((r) => r.path === undefined), ...finding.fixes.flatMap((f) => f.edits)];
    for (const span of spans) {
      assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${finding.ruleId}: offsets are integers`);
      assert.ok(span.start >= 0 && span.start <= span.end && span.end <= length, `${finding.ruleId}: [${span.start}, ${span.end}) outside [0, ${length}]`);
    }
  }
}

function syntaxErrors(findings: readonly Finding[]): number {
  return findings.filter((f) => f.ruleId === 'syntax').length;
}

/** How many findings of a rule have this message. */
function countLike(findings: readonly Finding[], finding: Finding): number {
  return findings.filter((f) => f.ruleId === finding.ruleId && f.message === finding.message).length;
}

const anyFile = fc.oneof({ weight: 4, arbitrary: mutatedFile }, { weight: 1, arbitrary: generatedManifest });

test('the engine never throws on mutated and generated files, no rule fails, and every range lies inside the text', () => {
  fc.assert(
    fc.property(anyFile, (file: Seed) => {
      const result = lintText(file);
      assert.deepEqual(result.failures.map((f) => `${f.ruleId}: ${f.error.message}`), []);
      assertRangesInside(result.findings, file.text.length);
    }),
    { seed: SEED, numRuns: 600 },
  );
});

test('each bulk fix alone leaves a file with no new syntax error, and the finding it fixes is gone', () => {
  fc.assert(
    fc.property(anyFile, (file: Seed) => {
      const before = lintText(file).findings;
      for (const finding of before.filter((f) => bulkFix(f, { unsafe: true, createFiles: false })).slice(0, 6)) {
        const fixed = applyFixes(file.text, [finding], { unsafe: true, createFiles: false });
        const afterFix = lintText({ ...file, text: fixed.text });
        assert.deepEqual(afterFix.failures, []);
        assert.ok(syntaxErrors(afterFix.findings) <= syntaxErrors(before), `fixing ${finding.ruleId} made a syntax error:\n${fixed.text}`);
        assert.ok(countLike(afterFix.findings, finding) < countLike(before, finding), `fixing ${finding.ruleId} left "${finding.message}"`);
      }
    }),
    { seed: SEED + 1, numRuns: 150 },
  );
});

test('fixing everything (fixText, unsafe fixes too) ends with no new syntax error and ranges inside the fixed text', () => {
  fc.assert(
    fc.property(anyFile, (file: Seed) => {
      const before = lintText(file).findings;
      const fixed = fixText(file, {}, { unsafe: true, createFiles: false });
      assert.deepEqual(fixed.result.failures, []);
      assert.ok(syntaxErrors(fixed.result.findings) <= syntaxErrors(before), `fixing made a syntax error:\n${fixed.text}`);
      assertRangesInside(fixed.result.findings, fixed.text.length);
    }),
    { seed: SEED + 2, numRuns: 150 },
  );
});

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test('the CLI never ends with an internal error on mutated files, with or without --fix', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-hostile-'));
  dirs.push(dir);
  let round = 0;
  fc.assert(
    fc.property(anyFile, fc.boolean(), (file: Seed, fix: boolean) => {
      const folder = path.join(dir, String(round++));
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, file.path), file.text);
      const io = fakeIo(folder);
      const code = main(['node', 'kubeready', '--format', 'json', ...(fix ? ['--fix', '--unsafe-fixes'] : []), '.'], io);
      assert.doesNotMatch(io.err, /internal error/);
      assert.ok(code === 0 || code === 1, `exit code ${code}: ${io.err}`);
      const report = JSON.parse(io.out) as { path: string }[];
      assert.deepEqual(report.map((f) => f.path), [file.path]);
    }),
    { seed: SEED + 3, numRuns: 80 },
  );
});

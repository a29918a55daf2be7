/**
 * The YAML document cache gives what a fresh reading gives: the same documents (every node's
 * offsets, values, comments, errors, merge keys) and the same findings, after many random edits of
 * the repository's YAML fixtures and the benchmark's manifests.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isAlias, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import type { Document } from 'yaml';
import { analyze, lint } from '../../server/src/engine';
import type { Analysis } from '../../server/src/engine';
import { readYamlDocuments, YamlDocumentCache } from '../../server/src/kubernetes/kubectl-yaml';
import { mapEntries } from '../../server/src/kubernetes/nodes';

const ROOT = path.join(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bench = require(path.join(ROOT, 'bench/fixtures.js')) as { manifest(pairs: number): string; workloads(lines: number): string };

/** Everything a reading gives that the model and the rules may read, as plain data. */
function dump(docs: Document.Parsed[]): unknown[] {
  return docs.map((doc) => {
    const nodes: unknown[] = [];
    visit(doc, {
      Node(_key, node) {
        const base = { range: node.range, anchor: node.anchor, tag: node.tag, comment: node.comment, commentBefore: node.commentBefore, spaceBefore: node.spaceBefore };
        if (isScalar(node)) nodes.push({ ...base, scalar: node.type, value: typeof node.value === 'bigint' ? String(node.value) : node.value, source: node.source });
        else if (isAlias(node)) nodes.push({ ...base, alias: node.source });
        else if (isMap(node)) nodes.push({ ...base, map: node.flow ?? false, entries: mapEntries(node).map((e) => [e.key, (e.pair.value as { range?: unknown } | null)?.range]) });
        else if (isSeq(node)) nodes.push({ ...base, seq: node.flow ?? false, items: node.items.length });
      },
      Pair(_key, pair) {
        if (isPair(pair)) nodes.push({ pair: true });
      },
    });
    const problem = (e: { code: string; message: string; pos: [number, number] }) => ({ code: e.code, message: e.message, pos: e.pos });
    return {
      range: doc.range,
      comment: doc.comment,
      commentBefore: doc.commentBefore,
      docStart: doc.directives.docStart,
      errors: doc.errors.map(problem),
      warnings: doc.warnings.map(problem),
      nodes,
    };
  });
}

/** The findings of an analysis, as plain data (fixes' edits included). */
function findings(analysis: Analysis | null): unknown {
  if (!analysis) return null;
  if (analysis.kind === 'skipped') return analysis.reason;
  return lint(analysis).findings.map((f) => ({ ...f, fixes: f.fixes.map((fix) => ({ title: fix.title, edits: fix.edits })) }));
}

/** A small seeded generator, so that every run makes the same edits. */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    state ^= state >>> 13;
    return state % n;
  };
}

/** More edits: `YAML_CACHE_SEED=<n> YAML_CACHE_STEPS=<n> node --test out/test/kubernetes/yaml-cache.test.js`. */
const SEED = Number(process.env.YAML_CACHE_SEED ?? 1000);
const STEPS = Number(process.env.YAML_CACHE_STEPS ?? 25);

const INSERTS = ['x', '1', ' ', '  ', '\n', '\r\n', '---\n', '\n---\n', '--- ', '"', "'", '[', ']', '{', '}', '|', '>', '#', '# c\n', ':', ': ', '- ', '&a ', '*a', '<<: *a\n', '\t', '\\\'', '...\n', '%YAML 1.2\n', '\uFEFF'];

/** One random edit: an insertion from INSERTS, a deletion, or a replacement, at a random place. */
function edit(text: string, next: (n: number) => number): string {
  const at = next(text.length + 1);
  const choice = next(10);
  if (choice < 6) return text.slice(0, at) + INSERTS[next(INSERTS.length)] + text.slice(at);
  const end = Math.min(text.length, at + 1 + next(choice < 9 ? 3 : 40));
  return text.slice(0, at) + (choice === 8 ? INSERTS[next(INSERTS.length)] : '') + text.slice(end);
}

/** The YAML fixtures of the repository (tests and examples), by path. */
function repoFixtures(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'e2e') walk(full);
      else if (/\.ya?ml$/.test(entry.name)) found.push(full);
    }
  };
  walk(path.join(ROOT, 'test'));
  walk(path.join(ROOT, 'examples'));
  return found.sort();
}

/** Edits `text` `steps` times, each time checking the cached reading against a fresh one. */
function checkEdits(start: string, seed: number, steps: number, withFindings: boolean): void {
  const cache = new YamlDocumentCache();
  const next = random(seed);
  let text = start;
  for (let step = 0; step < steps; step++) {
    const cached = readYamlDocuments(text, cache);
    assert.deepEqual(dump(cached), dump(readYamlDocuments(text)), `seed ${seed}, step ${step}: ${JSON.stringify(text.slice(0, 200))}`);
    if (withFindings) {
      const input = { text, path: 'manifest.yaml' };
      assert.deepEqual(findings(analyze(input, { yamlCache: cache })), findings(analyze(input)), `seed ${seed}, step ${step}`);
    }
    text = edit(text, next);
  }
}

test('the cached reading equals a fresh one after random edits of the repository fixtures', () => {
  const files = repoFixtures();
  assert.ok(files.length >= 10, 'the fixtures are found');
  files.forEach((file, i) => checkEdits(fs.readFileSync(file, 'utf8'), SEED + i, STEPS, i % 4 === 0));
});

test('the cached reading equals a fresh one after random edits of the benchmark manifests', () => {
  checkEdits(bench.manifest(4), SEED + 7, STEPS * 4, false);
  checkEdits(bench.workloads(300), SEED + 11, STEPS, true);
  checkEdits(bench.manifest(3).replace(/\n/g, '\r\n'), SEED + 13, STEPS * 3, false);
});

test('documents split where the yaml package splits them', () => {
  const cases = [
    'a: |\n  x\n---\n  y\nb: 1\n',
    'a: "x\n---\n y"\nb: 1\n',
    "a: 'x\n--- \n y'\n",
    'a: [1,\n---\n 2]\n',
    'a: {b: 1,\n---\n c: 2}\n',
    'a: |\n  x\n---x\n  y\n',
    '# top\n\n---\na: 1\n---\nb: 2\n',
    '\uFEFF---\na: 1\n---\nb: 2\n',
    '\uFEFF# c\n---\na: 1\n',
    'a: 1\n# end of a\n---\n# before b\nb: 2\n',
    'a: 1\r\n---\r\nb: 2\r\n---\r\n',
    '--- |\n  text\n--- >\n  folded\n---\n',
    'a: 1\n...\n---\nb: 2\n',
    '%YAML 1.2\n---\na: 1\n---\nb: 1\n',
    '---\n---\n---\n',
    'a: 1\n--- # comment\nb: 2\n',
    'a: &x {k: 1}\n---\nb:\n  <<: *x\n  <<: *x\n',
    'a:\n  - b\n   c\n---\nd: 1\n',
    'x: "a\\\'b"\n---\ny: 1\n',
    'a: 1\u2028---\nb: 2\n',
    'a: 1\r---\nb: 2\n',
    '',
    '---',
  ];
  for (const text of cases) {
    const cache = new YamlDocumentCache();
    // Twice: the second reading reuses every document.
    for (let round = 0; round < 2; round++) assert.deepEqual(dump(readYamlDocuments(text, cache)), dump(readYamlDocuments(text)), JSON.stringify(text));
  }
});

test('a moved document is a copy: the older reading keeps its offsets and merge keys', () => {
  const first = 'a: 1\n---\nbase: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n';
  const cache = new YamlDocumentCache();
  const before = readYamlDocuments(first, cache);
  const snapshot = dump(before);
  const second = 'a: 12\n' + first.slice(5);
  const after = readYamlDocuments(second, cache);
  assert.notEqual(after[1], before[1]);
  assert.deepEqual(dump(before), snapshot);
  assert.deepEqual(dump(after), dump(readYamlDocuments(second)));
  // An unchanged document at the same place is shared.
  const third = second.replace('y: 2', 'y: 3');
  const again = readYamlDocuments(third, cache);
  assert.equal(again[0], after[0]);
  assert.deepEqual(dump(again), dump(readYamlDocuments(third)));
});

/**
 * A table tester for rules, in the manner of ESLint's RuleTester: valid cases must produce no
 * finding; invalid cases list every finding as a whole object (position, message, fix titles)
 * and the text after applying each finding's first fix. Every fix of every finding is also
 * applied on its own and must leave a file that parses, without that finding, and with no new one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as nodePath from 'node:path';
import { analyze, applyEdits, applyFixes, lintText } from '../../server/src/engine';
import { patchPaths } from '../../server/src/kubernetes/kustomize';
import { contributionOf, workspaceFacts } from '../../server/src/workspace/index';
import type { FileContribution } from '../../server/src/workspace/index';
import { siblingPath } from '../../server/src/paths';
import type { LintOptions } from '../../server/src/engine';
import type { Finding, Fix, TextEdit } from '../../server/src/findings';
import { RULES } from '../../server/src/rules/index';
import type { Rule, WorkspaceFacts } from '../../server/src/rules/rule';
import { LineIndex } from '../../server/src/text';

export interface ValidCase extends CaseFacts {
  name?: string;
  code: string;
  /** Decides the file kind: `Dockerfile` or a `.yaml` path. */
  path: string;
  options?: Omit<LintOptions, 'rules'>;
}

export interface ExpectedFinding {
  message: string;
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The exact source text the finding covers. */
  text: string;
  /** Titles of the fixes offered, in order ("Ignore <id> here" included). */
  fixes: string[];
  /** Related locations, when the finding has any; `path` for a location in another file of `workspace`. */
  related?: { path?: string; line: number; column: number; text: string; message: string }[];
  /** The finding's severity, when it is not the rule's default. */
  severity?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /**
   * The text after one pass of `applyFixes` with unsafe fixes allowed (as `--fix --unsafe-fixes`
   * does per pass). Required when the rule offers such a fix.
   */
  output?: string;
  /**
   * The text after applying one named fix on its own (the first finding offering that title),
   * for fixes that `output` does not show.
   */
  fixed?: Record<string, string>;
  /**
   * The files the pass of `output` creates next to the checked one: path (relative to its
   * folder) -> content. Required when that pass creates any.
   */
  created?: Record<string, string>;
}

/** Facts for a case: its workspace tags, and the files that exist (paths as `siblingPath(case.path, name)`). */
export interface CaseFacts {
  workspaceTags?: { canonical: string; tag: string }[];
  /** When given, the file system holds exactly these files; otherwise it is unknown (`fileExists` is null). */
  files?: string[];
  /**
   * The other files of the workspace: path -> text. When given, their contributions and the checked
   * file's own make the workspace's objects (kustomize patches they list define nothing); otherwise
   * nothing is known of the workspace's objects.
   */
  workspace?: Record<string, string>;
}

/** The value typed into fixes that ask for one (the image tag input box). */
export const SAMPLE_INPUT = '1.2.3';

/** The facts a case gives when the checked file's text is `text`. */
function facts(c: ValidCase, text: string): WorkspaceFacts | undefined {
  if (!c.workspaceTags && !c.files && !c.workspace) return c.options?.workspace;
  const files = c.files ? new Set(c.files) : null;
  const contributions: FileContribution[] = [
    { path: undefined, imageTags: c.workspaceTags ?? [], objects: { podTemplates: [], services: [], configs: [], customResources: [], componentFiles: [] }, key: '' },
  ];
  const facts = workspaceFacts(contributions, (p) => (files ? files.has(p) : null));
  if (!c.workspace) return { ...facts, objects: null };
  const others = { ...c.workspace, [c.path]: text };
  const patches = new Set(Object.entries(others).flatMap(([path, t]) => (nodePath.basename(path) === 'kustomization.yaml' ? patchPaths(t, nodePath.dirname(nodePath.resolve(path))) : [])));
  for (const [path, t] of Object.entries(others)) {
    const isPatch = path === c.path ? (c.options?.isPatch ?? false) : patches.has(nodePath.resolve(path));
    contributions.push(contributionOf(analyze({ text: t, path }), { isPatch }));
  }
  return workspaceFacts(contributions, (p) => (files ? files.has(p) : null));
}

function lintWith(rules: readonly Rule[], c: ValidCase, text: string, workspace?: WorkspaceFacts): Finding[] {
  const result = lintText({ text, path: c.path }, { ...c.options, workspace, rules });
  assert.deepEqual(result.failures, [], 'no rule may throw');
  return result.findings;
}

function describe(c: ValidCase, text: string, finding: Finding, rule: Rule): ExpectedFinding {
  const index = new LineIndex(text);
  const start = index.position(finding.start);
  const end = index.position(finding.end);
  const described: ExpectedFinding = {
    message: finding.message,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    text: text.slice(finding.start, finding.end),
    fixes: finding.fixes.map((f) => f.title),
  };
  if (finding.severity !== rule.meta.defaultSeverity) described.severity = finding.severity;
  if (finding.related.length > 0) {
    described.related = finding.related.map((r) => {
      const other = r.path === undefined ? null : (c.workspace?.[r.path] ?? null);
      assert.ok(r.path === undefined || other !== null, `related location in an unknown file ${r.path}`);
      const source = other ?? text;
      const p = (other === null ? index : new LineIndex(source)).position(r.start);
      const where = { line: p.line + 1, column: p.character + 1, text: source.slice(r.start, r.end), message: r.message };
      return r.path === undefined ? where : { path: r.path, ...where };
    });
  }
  return described;
}

/** The edits a fix makes, with `SAMPLE_INPUT` typed into fixes that ask for a value. */
export function fixEdits(fix: Fix): TextEdit[] {
  if (fix.input) return [{ start: fix.input.start, end: fix.input.end, newText: fix.input.prefix + SAMPLE_INPUT }];
  return fix.edits;
}

function countByRule(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

/**
 * Applies one fix and checks the result: it parses (no `syntax` finding that was not there), the
 * rule reports less than before, and no rule reports more than before.
 */
export function checkFix(rule: Rule, c: ValidCase, text: string, fix: Fix): string {
  const fixed = applyEdits(text, fixEdits(fix));
  const before = countByRule(lintWith(RULES, c, text, facts(c, text)));
  const created = fix.createFile ? siblingPath(c.path, fix.createFile.path) : null;
  const workspace = facts(c, fixed);
  const afterWorkspace = created && workspace ? { ...workspace, fileExists: (p: string) => p === created || workspace.fileExists(p) } : workspace;
  const after = countByRule(lintWith(RULES, c, fixed, afterWorkspace));
  const context = `fix "${fix.title}" gave:\n${fixed}`;
  assert.ok((after.get('syntax') ?? 0) <= (before.get('syntax') ?? 0), `the file must still parse after ${context}`);
  assert.ok((after.get(rule.meta.id) ?? 0) < (before.get(rule.meta.id) ?? 0), `the finding must be gone after ${context}`);
  for (const [ruleId, count] of after) {
    assert.ok(count <= (before.get(ruleId) ?? 0), `no new ${ruleId} finding may appear after ${context}`);
  }
  return fixed;
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  cases.valid.forEach((c, i) => {
    test(`${rule.meta.id} valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
      assert.deepEqual(lintWith([rule], c, c.code, facts(c, c.code)).map((f) => describe(c, c.code, f, rule)), []);
    });
  });
  cases.invalid.forEach((c, i) => {
    test(`${rule.meta.id} invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
      const findings = lintWith([rule], c, c.code, facts(c, c.code));
      assert.deepEqual(findings.map((f) => describe(c, c.code, f, rule)), c.errors);
      for (const f of findings) assert.equal(f.ruleId, rule.meta.id);

      const bulk = applyFixes(c.code, findings, { unsafe: true });
      if (bulk.applied > 0 || c.output !== undefined) {
        assert.ok(c.output !== undefined, 'the rule fixes this case: give the expected `output`');
        assert.equal(bulk.text, c.output);
      }
      if (bulk.created.length > 0 || c.created !== undefined) {
        assert.ok(c.created !== undefined, 'the fixes create files: give the expected `created`');
        assert.deepEqual(Object.fromEntries(bulk.created.map((f) => [f.path, f.content])), c.created);
      }
      for (const finding of findings) {
        for (const fix of finding.fixes) checkFix(rule, c, c.code, fix);
      }
      for (const [title, expected] of Object.entries(c.fixed ?? {})) {
        const fix = findings.flatMap((f) => f.fixes).find((x) => x.title === title);
        assert.ok(fix, `no fix titled "${title}"`);
        assert.equal(applyEdits(c.code, fixEdits(fix)), expected, `text after "${title}"`);
      }
    });
  });
}

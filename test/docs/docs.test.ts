/**
 * Keeps docs/rules/ true to the code: one page per registered rule, with the rule's metadata,
 * the expected sections, and examples that the engine really judges as the page says
 * ("Incorrect" examples are reported, "Correct" ones are not, ignore examples are ignored).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../server/src/config/config';
import type { Config } from '../../server/src/config/config';
import { analyze, lintText } from '../../server/src/engine';
import { contributionOf, workspaceFacts } from '../../server/src/workspace/index';
import type { FileKind } from '../../server/src/findings';
import { RULES, RULE_IDS } from '../../server/src/rules/index';
import type { Rule } from '../../server/src/rules/rule';

/** The repository root: the nearest folder above this file that holds the rule registry's source. */
function repositoryRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'server', 'src', 'rules', 'index.ts'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${__dirname}`);
    dir = parent;
  }
}

const DOCS_DIR = path.join(repositoryRoot(), 'docs', 'rules');

/** The level-2 sections every rule page has, in this order. */
const SECTIONS = ['Why it matters', 'What it checks', 'Incorrect', 'Correct', 'How to fix', 'How to ignore', 'Compared with other tools'];

/** Fence languages that are linted, and the file kind and path each one is linted as. */
const EXAMPLE_LANGUAGES: Record<string, { kind: FileKind; path: string }> = {
  dockerfile: { kind: 'dockerfile', path: 'Dockerfile' },
  yaml: { kind: 'kubernetes', path: 'example.yaml' },
  yml: { kind: 'kubernetes', path: 'example.yaml' },
};

interface Example {
  language: string;
  code: string;
  /** 1-based line of the opening fence in the page. */
  line: number;
}

interface Section {
  heading: string;
  /** The section's text, fences included. */
  text: string;
  examples: Example[];
}

interface Page {
  /** The first line of the page. */
  title: string;
  /** Text before the first level-2 heading. */
  intro: string;
  /** Fenced code blocks before the first level-2 heading. */
  introExamples: Example[];
  sections: Section[];
}

const FENCE = /^(`{3,}|~{3,})[ \t]*([^\s`]*)/;

/** Splits a Markdown page into level-2 sections and collects each section's fenced code blocks. */
function parsePage(markdown: string): Page {
  const lines = markdown.split(/\r?\n/);
  const page: Page = { title: lines[0] ?? '', intro: '', introExamples: [], sections: [] };
  let section: Section | null = null;
  let fence: { marker: string; example: Example; body: string[] } | null = null;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (fence) {
      const close = line.trim();
      if (/^[`~]+$/.test(close) && close[0] === fence.marker[0] && close.length >= fence.marker.length) {
        fence.example.code = fence.body.join('\n') + '\n';
        (section ? section.examples : page.introExamples).push(fence.example);
        fence = null;
      } else {
        fence.body.push(line);
      }
    } else {
      const open = FENCE.exec(line);
      const heading = open ? null : /^##[ \t]+(.+?)[ \t]*$/.exec(line);
      if (open) fence = { marker: open[1], example: { language: open[2].toLowerCase(), code: '', line: i + 1 }, body: [] };
      if (heading) {
        section = { heading: heading[1], text: '', examples: [] };
        page.sections.push(section);
        continue;
      }
    }
    if (section) section.text += line + '\n';
    else page.intro += line + '\n';
  }
  assert.equal(fence, null, 'a code fence is never closed');
  return page;
}

/** The value cell of a `| Name | value |` row of the page's property table, or null. */
function property(page: Page, name: string): string | null {
  for (const line of page.intro.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length >= 4 && cells[0] === '' && cells[1] === name) return cells[2];
  }
  return null;
}

/** The first word of a table cell, backticks removed: "`unsafe`: pins…" -> "unsafe". */
function firstWord(cell: string): string {
  return cell.replace(/`/g, '').split(/[\s:]+/)[0].toLowerCase();
}

/**
 * What an example gives when linted as a file of its language, alone in its folder (no other file,
 * `.dockerignore` or manifest, exists next to it; its own objects are the workspace's), with the
 * page's configuration (default: none).
 */
function lintExample(example: Example, config?: Config): { kind: string | null; ruleIds: string[]; failures: string[] } {
  const language = EXAMPLE_LANGUAGES[example.language];
  const alone = workspaceFacts([contributionOf(analyze({ text: example.code, path: language.path }))], () => false);
  const result = lintText({ text: example.code, path: language.path }, { workspace: alone, config });
  return {
    kind: result.analysis?.kind ?? null,
    ruleIds: result.findings.map((f) => f.ruleId),
    failures: result.failures.map((f) => `${f.ruleId}: ${f.error.message}`),
  };
}

/** The examples of a section that the engine can judge (Dockerfile and YAML fences). */
function lintable(section: Section): Example[] {
  return section.examples.filter((e) => Object.hasOwn(EXAMPLE_LANGUAGES, e.language));
}

/** The page's `## <heading>` section; fails the test when it is missing. */
function section(page: Page, heading: string): Section {
  const found = page.sections.find((s) => s.heading === heading);
  assert.ok(found, `missing section "## ${heading}"`);
  return found;
}

const IGNORE_COMMENT_LINE = /^[ \t]*#[ \t]*kubeready-ignore\b.*(?:\r?\n|$)/gm;
const IGNORE_ANNOTATION_LINE = /^[ \t]*["']?kubeready\.dev\/ignore["']?[ \t]*:.*(?:\r?\n|$)/gm;

/** True when an example carries an ignore comment or annotation. */
function hasIgnoreDirective(code: string): boolean {
  return /kubeready-ignore|kubeready\.dev\/ignore/.test(code);
}

/** The example without its ignore comments and annotations. */
function withoutIgnoreDirectives(code: string): string {
  return code.replace(IGNORE_COMMENT_LINE, '').replace(IGNORE_ANNOTATION_LINE, '');
}

/** Checks that an example is a file of a kind the rule reads, that every rule ran, and returns its findings' rule ids. */
function judged(rule: Rule, example: Example, where: string, config?: Config): string[] {
  const language = EXAMPLE_LANGUAGES[example.language];
  const result = lintExample(example, config);
  assert.equal(result.kind, language.kind, `${where}: the example is not read as a ${language.kind} file`);
  assert.ok(rule.meta.appliesTo.includes(language.kind), `${where}: ${rule.meta.id} does not check ${language.kind} files`);
  assert.deepEqual(result.failures, [], `${where}: a rule threw`);
  return result.ruleIds;
}

/**
 * The `.kubeready.yaml` a page's examples assume: a configuration example before the first
 * section (for rules that do nothing until configured, such as `untrusted-registry`).
 */
function pageConfig(page: Page): Config | undefined {
  const example = page.introExamples.find(isConfigExample);
  return example ? parseConfig(example.code, '.kubeready.yaml', RULE_IDS) : undefined;
}

/** Reads and parses `docs/rules/<id>.md`; fails the test when it is missing. */
function readPage(id: string): Page {
  const file = path.join(DOCS_DIR, `${id}.md`);
  assert.ok(fs.existsSync(file), `docs/rules/${id}.md is missing`);
  return parsePage(fs.readFileSync(file, 'utf8'));
}

const APPLIES_TO_NAMES: Record<string, FileKind> = { dockerfile: 'dockerfile', kubernetes: 'kubernetes' };

for (const rule of RULES) {
  const id = rule.meta.id;
  const ignorable = rule.meta.ignorable !== false;

  test(`docs/rules/${id}.md: title, metadata and sections`, () => {
    const page = readPage(id);
    assert.equal(page.title, `# ${id}`);
    const severity = property(page, 'Default severity');
    assert.ok(severity, 'no "| Default severity |" row');
    assert.equal(firstWord(severity), rule.meta.defaultSeverity);
    const appliesTo = property(page, 'Applies to');
    assert.ok(appliesTo, 'no "| Applies to |" row');
    const kinds = appliesTo.split(',').map((k) => APPLIES_TO_NAMES[k.trim().toLowerCase()]);
    assert.deepEqual([...kinds].sort(), [...rule.meta.appliesTo].sort());
    const fix = property(page, 'Fix');
    assert.ok(fix, 'no "| Fix |" row');
    assert.equal(firstWord(fix), rule.meta.fix);
    assert.deepEqual(
      page.sections.map((s) => s.heading).filter((h) => SECTIONS.includes(h)),
      SECTIONS,
      'the sections are missing or out of order',
    );
  });

  test(`docs/rules/${id}.md: every "Incorrect" example is reported`, () => {
    const page = readPage(id);
    const config = pageConfig(page);
    const examples = lintable(section(page, 'Incorrect'));
    assert.ok(examples.length > 0, 'no dockerfile or yaml example under "## Incorrect"');
    for (const example of examples) {
      const where = `docs/rules/${id}.md:${example.line}`;
      const ruleIds = judged(rule, example, where, config);
      assert.ok(ruleIds.includes(id), `${where}: the "Incorrect" example gives no ${id} finding (found: ${ruleIds.join(', ') || 'none'})`);
      if (id !== 'syntax') assert.ok(!ruleIds.includes('syntax'), `${where}: the example does not parse`);
    }
  });

  test(`docs/rules/${id}.md: no "Correct" example is reported`, () => {
    const page = readPage(id);
    const config = pageConfig(page);
    const examples = lintable(section(page, 'Correct'));
    assert.ok(examples.length > 0, 'no dockerfile or yaml example under "## Correct"');
    for (const example of examples) {
      const where = `docs/rules/${id}.md:${example.line}`;
      const ruleIds = judged(rule, example, where, config);
      assert.ok(!ruleIds.includes(id), `${where}: the "Correct" example gives a ${id} finding`);
      assert.ok(!ruleIds.includes('syntax'), `${where}: the example does not parse`);
    }
  });

  test(`docs/rules/${id}.md: "How to ignore" matches what the rule allows`, () => {
    const page = readPage(id);
    const config = pageConfig(page);
    const ignore = section(page, 'How to ignore');
    assert.match(ignore.text, new RegExp(`${id}: off`), 'the section does not show how to turn the rule off in .kubeready.yaml');
    if (!ignorable) {
      assert.match(ignore.text, /cannot be ignored/, 'the rule cannot be ignored, and the section must say so');
      assert.ok(!ignore.examples.some((e) => hasIgnoreDirective(e.code)), 'an example ignores a rule that cannot be ignored');
      return;
    }
    assert.match(ignore.text, new RegExp(`kubeready-ignore ${id}\\b`), 'the section shows no ignore comment');
    if (rule.meta.appliesTo.includes('kubernetes')) {
      assert.match(ignore.text, new RegExp(`kubeready\\.dev/ignore: "${id}"`), 'the section shows no ignore annotation');
    }
    const examples = lintable(ignore).filter((e) => hasIgnoreDirective(e.code));
    assert.ok(examples.length > 0, 'no dockerfile or yaml example with an ignore comment or annotation');
    for (const example of examples) {
      const where = `docs/rules/${id}.md:${example.line}`;
      assert.ok(!judged(rule, example, where, config).includes(id), `${where}: the ignore example still gives a ${id} finding`);
      const bare = { ...example, code: withoutIgnoreDirectives(example.code) };
      assert.ok(judged(rule, bare, where, config).includes(id), `${where}: without its ignore comment or annotation, the example gives no ${id} finding`);
    }
  });
}

test('docs/rules/README.md links every rule page with its title, default severity and fix', () => {
  const file = path.join(DOCS_DIR, 'README.md');
  assert.ok(fs.existsSync(file), 'docs/rules/README.md is missing');
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  for (const rule of RULES) {
    const id = rule.meta.id;
    const row = lines.find((line) => line.startsWith('|') && line.includes(`](${id}.md)`));
    assert.ok(row, `README.md has no table row linking ${id}.md`);
    const cells = row.split('|').map((cell) => cell.trim());
    assert.ok(cells.includes(`\`${rule.meta.defaultSeverity}\``), `README.md gives ${id} another default severity than ${rule.meta.defaultSeverity}`);
    assert.ok(cells.includes(rule.meta.title), `README.md gives ${id} another title than "${rule.meta.title}"`);
    assert.ok(cells.includes(rule.meta.fix), `README.md gives ${id} another fix safety than ${rule.meta.fix}`);
  }
});

test('docs/rules/ has no page for an id that is not a registered rule', () => {
  const pages = fs.readdirSync(DOCS_DIR).filter((name) => name.endsWith('.md') && name !== 'README.md');
  const unknown = pages.map((name) => name.slice(0, -'.md'.length)).filter((id) => !RULE_IDS.has(id));
  assert.deepEqual(unknown, []);
});

/** A YAML example that is a `.kubeready.yaml` rather than a manifest: top-level `rules:`, `ignorePaths:`, `ignore:` or `trustedRegistries:`, no `apiVersion:`. */
function isConfigExample(example: Example): boolean {
  return (example.language === 'yaml' || example.language === 'yml') && /^(?:rules|ignorePaths|ignore|trustedRegistries):/m.test(example.code) && !/^apiVersion:/m.test(example.code);
}

test('every .kubeready.yaml example in docs/rules/ is a valid configuration', () => {
  const names = fs.readdirSync(DOCS_DIR).filter((name) => name.endsWith('.md'));
  let count = 0;
  for (const name of names) {
    const page = parsePage(fs.readFileSync(path.join(DOCS_DIR, name), 'utf8'));
    for (const example of [...page.introExamples, ...page.sections.flatMap((s) => s.examples)].filter(isConfigExample)) {
      count++;
      assert.doesNotThrow(() => parseConfig(example.code, '.kubeready.yaml', RULE_IDS), `docs/rules/${name}:${example.line}`);
    }
  }
  assert.ok(count >= RULES.length, `only ${count} configuration examples found`);
});

test('parsePage splits sections and keeps fenced code, headings inside fences included', () => {
  const page = parsePage('# x\n\n| Default severity | `info` |\n\n## Incorrect\n\n```yaml\n## not a heading\nkind: Pod\n```\n\n## Correct\n~~~dockerfile\nFROM a\n~~~\n');
  assert.equal(page.title, '# x');
  assert.deepEqual(page.introExamples, []);
  assert.deepEqual(page.sections.map((s) => s.heading), ['Incorrect', 'Correct']);
  assert.deepEqual(page.sections[0].examples, [{ language: 'yaml', code: '## not a heading\nkind: Pod\n', line: 7 }]);
  assert.deepEqual(page.sections[1].examples, [{ language: 'dockerfile', code: 'FROM a\n', line: 13 }]);
  assert.equal(property(page, 'Default severity'), '`info`');
});

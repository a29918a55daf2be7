/**
 * The help a SARIF viewer shows for a rule (GitHub code scanning's "Show more"), drawn from the
 * rule's page `docs/rules/<id>.md` of the installed package: its introduction, "Why it matters"
 * and "How to fix", with links made absolute. Read from disk, never from the network, and bounded
 * in size (`MAX_HELP_CHARS`); a missing page gives the rule's description and the docs link.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOCS_BASE_URL, docsUrl } from '../rules/docs';
import type { RuleMeta } from '../rules/rule';

/** The most characters of a page's text that go into one rule's help (per form). */
export const MAX_HELP_CHARS = 4000;

/** The sections of a rule page that make its help, in this order. */
const HELP_SECTIONS = ['Why it matters', 'How to fix'];

export interface RuleHelp {
  text: string;
  markdown: string;
}

/** A page's blocks: paragraphs, lists, tables and whole fenced code blocks (never cut inside a fence). */
function blocks(markdown: string): string[] {
  const result: string[] = [];
  let current: string[] = [];
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && line.trim() === '') {
      if (current.length > 0) result.push(current.join('\n'));
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) result.push(current.join('\n'));
  return result;
}

/** The page's introduction (before the first `##`, without the title and the property table), then the help sections. */
function helpBlocks(page: string): string[] {
  const parts = page.split(/^## /m);
  const intro = blocks(parts[0]).filter((b) => !b.startsWith('# ') && !b.startsWith('|'));
  const sections = HELP_SECTIONS.flatMap((heading) => {
    const part = parts.find((p) => p.startsWith(`${heading}\n`));
    return part ? [`## ${heading}`, ...blocks(part.slice(heading.length + 1))] : [];
  });
  return [...intro, ...sections];
}

/** Leading blocks whose total length stays within the limit (the first one always, cut if it must be). */
function bounded(parts: readonly string[], limit: number): string[] {
  const kept: string[] = [];
  let size = 0;
  for (const part of parts) {
    if (size + part.length > limit) break;
    kept.push(part);
    size += part.length + 2;
  }
  if (kept.length === 0 && parts.length > 0) kept.push(`${parts[0].slice(0, limit - 1)}…`);
  // A section heading with nothing of its section after it says nothing.
  while (kept.length > 0 && kept[kept.length - 1].startsWith('## ')) kept.pop();
  return kept;
}

/** Links relative to the docs folder (`other-rule.md`, `#section`, `README.md#x`) made absolute. */
function absoluteLinks(markdown: string, ruleId: string): string {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (whole, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return whole;
    return `](${target.startsWith('#') ? docsUrl(ruleId) + target : new URL(target, DOCS_BASE_URL).href})`;
  });
}

/** Markdown as plain text: links as their label, no emphasis marks, entities decoded. */
function plain(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/^## (.*)$/gm, '$1:')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The help of one rule from its page's text (null when there is no page). */
export function ruleHelp(meta: RuleMeta, page: string | null): RuleHelp {
  const url = docsUrl(meta.id);
  const parts = page === null ? [meta.description] : bounded(helpBlocks(page), MAX_HELP_CHARS);
  const body = absoluteLinks(parts.join('\n\n'), meta.id);
  return {
    text: `${plain(body)}\n\nFull documentation: ${url}`,
    markdown: `${body}\n\n[Full documentation](${url})`,
  };
}

/** The text of a rule's page in the installed package, or null when the page is not there. */
export function readRulePage(packageRoot: string, ruleId: string): string | null {
  try {
    return fs.readFileSync(path.join(packageRoot, 'docs', 'rules', `${ruleId}.md`), 'utf8');
  } catch {
    return null;
  }
}

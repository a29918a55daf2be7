/**
 * Ignore comments and annotations in Kubernetes YAML.
 * - `# kubeready-ignore <ids>` on the line before a node covers that node: a sequence item
 *   (`- name: app` covers the whole container), a key and its value, or the whole object when
 *   the comment sits above a document's first key.
 * - The annotation `kubeready.dev/ignore: "<id>,<id>"` covers the object that carries it, and so do
 *   kube-linter's and kube-score's ignore annotations (compat/annotations.ts).
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { foreignAnnotationIgnore } from '../compat/annotations';
import type { Fix, TextEdit } from '../findings';
import { ignoreCommentLine, readIgnoreComment } from '../suppress';
import type { IgnoreDirective } from '../suppress';
import { indentationAt, lineBreak, lineStartOf, nextLineStart } from '../text';
import type { Span } from '../text';
import type { KubeFile } from './model';

export const IGNORE_ANNOTATION = 'kubeready.dev/ignore';

type Ranged = { range?: [number, number, number] | null };

/** What is written at a line's first character: the node an ignore comment above it covers, and whether the line lies inside a multi-line scalar (a `#` there is text). */
interface LineTarget {
  target: Span | null;
  inScalar: boolean;
}

const NOTHING: LineTarget = { target: null, inScalar: false };

function rangeOf(node: unknown): [number, number, number] | null {
  return node !== null && typeof node === 'object' ? ((node as Ranged).range ?? null) : null;
}

/**
 * The node written at the first character `p` of a line, found by descending from the document
 * that holds it (no index of the whole file: each finding costs the depth of its node):
 * a sequence item after `- ` (with its dash), a document's root map, a key with its value, or the
 * largest node starting there.
 */
function targetAt(file: KubeFile, p: number): LineTarget {
  const text = file.text;
  let q = p;
  const dash = text[p] === '-' && /[ \t\r\n]/.test(text[p + 1] ?? '\n');
  if (dash) {
    q = p + 1;
    while (q < text.length && /\s/.test(text[q])) q++;
  }
  const contents = documentAt(file, q);
  const root = rangeOf(contents);
  if (!contents || !root) return NOTHING;
  if (!dash && root[0] === p && isMap(contents)) return { target: { start: root[0], end: root[1] }, inScalar: false };
  return descend(contents, p, q, dash, 0);
}

/** The contents of the document whose range holds `offset` (binary search: documents are in order). */
function documentAt(file: KubeFile, offset: number): unknown {
  let lo = 0;
  let hi = file.documents.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const contents = file.documents[mid].doc.contents;
    const range = rangeOf(contents);
    if (!range || range[1] < offset) lo = mid + 1;
    else if (range[0] > offset) hi = mid - 1;
    else return contents;
  }
  return null;
}

function descend(node: unknown, p: number, q: number, dash: boolean, depth: number): LineTarget {
  const range = rangeOf(node);
  if (depth > 200 || !range) return NOTHING;
  if (isMap(node)) {
    // A key written at the line's start covers its pair, even when the map starts there too.
    if (!dash) {
      for (const pair of node.items) {
        const key = isPair(pair) ? rangeOf(pair.key) : null;
        if (key && key[0] === p) return { target: { start: key[0], end: rangeOf(pair.value)?.[1] ?? key[1] }, inScalar: false };
      }
    }
    if (dash || range[0] !== p) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = rangeOf(pair.key);
        const value = rangeOf(pair.value);
        if (key && q >= key[0] && q < key[1]) return descend(pair.key, p, q, dash, depth + 1);
        if (value && q >= value[0] && q < value[1]) return descend(pair.value, p, q, dash, depth + 1);
      }
    }
  }
  if (!dash && range[0] === p) return { target: { start: range[0], end: range[1] }, inScalar: false };
  if (isMap(node)) return NOTHING;
  if (isSeq(node)) {
    for (const item of node.items) {
      const itemRange = rangeOf(item);
      if (!itemRange) continue;
      if (dash && itemRange[0] === q) return { target: { start: p, end: itemRange[1] }, inScalar: false };
      if (q >= itemRange[0] && q < itemRange[1]) return descend(item, p, q, dash, depth + 1);
    }
    return NOTHING;
  }
  // A scalar that holds the line's start: its text goes on over several lines.
  return { target: null, inScalar: isScalar(node) && p > range[0] && p < range[1] };
}

function firstContent(text: string, lineStart: number): number {
  let p = lineStart;
  while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
  return p;
}

/** The ignore comments and annotations of a file. */
export function yamlIgnores(file: KubeFile): IgnoreDirective[] {
  const directives: IgnoreDirective[] = [];
  const text = file.text;
  for (let lineStart = 0; lineStart < text.length; lineStart = nextLineStart(text, lineStart)) {
    const p = firstContent(text, lineStart);
    if (text[p] !== '#') continue;
    const lineEnd = nextLineStart(text, p);
    const ignore = readIgnoreComment(text, p, lineEnd);
    if (!ignore) continue;
    if (targetAt(file, p).inScalar) continue;
    const target = nextNodeAfter(file, lineEnd);
    if (target) directives.push({ ids: ignore.ids, comment: { start: p, end: trimEnd(text, p, lineEnd) }, idsEnd: ignore.idsEnd, target });
  }
  for (const manifest of file.manifests) {
    const foreign = foreignAnnotationIgnore(manifest, text);
    if (foreign) directives.push(foreign);
    const annotation = manifest.annotations.get(IGNORE_ANNOTATION);
    if (!annotation) continue;
    const ids = annotation.value.split(',').map((id) => id.trim()).filter(Boolean);
    directives.push({ ids, comment: annotation.range, idsEnd: annotation.range.end, target: manifest.range });
  }
  return directives;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /[\r\n]/.test(text[e - 1])) e--;
  return e;
}

/** The node on the next line that holds content (comments and blank lines skipped). */
function nextNodeAfter(file: KubeFile, from: number): Span | null {
  const text = file.text;
  for (let lineStart = from; lineStart < text.length; lineStart = nextLineStart(text, lineStart)) {
    const p = firstContent(text, lineStart);
    if (p >= text.length) return null;
    if (text[p] === '\n' || text[p] === '\r' || text[p] === '#') continue;
    return targetAt(file, p).target;
  }
  return null;
}

/**
 * "Ignore <id> here": a comment above the line where the finding starts, or one more id on the
 * ignore comment already there. Null when no comment there would cover the finding.
 */
export function yamlIgnoreFix(file: KubeFile, ruleId: string, at: number, directives: readonly IgnoreDirective[]): Fix | null {
  const text = file.text;
  const lineStart = lineStartOf(text, at);
  const p = firstContent(text, lineStart);
  const { target, inScalar } = targetAt(file, p);
  if (!target || at < target.start || at > target.end || inScalar) return null;
  const existing = directives.find((d) => !d.foreign && d.target.start === target.start && d.comment.start < lineStart && d.comment.end <= lineStart);
  const edit: TextEdit = existing
    ? { start: existing.idsEnd, end: existing.idsEnd, newText: existing.ids.length > 0 ? `,${ruleId}` : ` ${ruleId}` }
    : { start: lineStart, end: lineStart, newText: ignoreCommentLine(ruleId, indentationAt(text, p), lineBreak(text)) };
  return { title: `Ignore ${ruleId} here`, safety: 'unsafe', edits: [edit], suppression: true };
}

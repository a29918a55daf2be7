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
import { nodeSpan } from './nodes';

export const IGNORE_ANNOTATION = 'kubeready.dev/ignore';

/** Where nodes start, so that a line's first character can be mapped to the node written there. */
interface NodeIndex {
  /** Key start -> the span of the key and its value. */
  pairs: Map<number, Span>;
  /** Node start -> the largest node starting there. */
  nodes: Map<number, Span>;
  /** Sequence items: the item's start -> its span. */
  items: Map<number, Span>;
  /** Document root maps: start -> the document's span. */
  roots: Map<number, Span>;
  /** Scalars that span several lines: a `#` inside them is text, not a comment. */
  multiline: Span[];
}

const indexes = new WeakMap<KubeFile, NodeIndex>();

/** The node index of a file, built once per parse. */
function nodeIndex(file: KubeFile): NodeIndex {
  let index = indexes.get(file);
  if (!index) indexes.set(file, (index = buildIndex(file)));
  return index;
}

function buildIndex(file: KubeFile): NodeIndex {
  const index: NodeIndex = { pairs: new Map(), nodes: new Map(), items: new Map(), roots: new Map(), multiline: [] };
  const text = file.text;
  const hasCarriageReturn = text.includes('\r');
  /** True when the text from `start` to `end` holds a line break (searched in place: no copy of the text). */
  const spansLines = (start: number, end: number): boolean => {
    const newline = text.indexOf('\n', start);
    if (newline >= 0 && newline < end) return true;
    if (!hasCarriageReturn) return false;
    const carriageReturn = text.indexOf('\r', start);
    return carriageReturn >= 0 && carriageReturn < end;
  };
  const addNode = (span: Span): void => {
    const known = index.nodes.get(span.start);
    if (!known || known.end < span.end) index.nodes.set(span.start, span);
  };
  const walk = (node: unknown, depth: number): void => {
    if (depth > 200 || node === null || typeof node !== 'object') return;
    const range = (node as { range?: [number, number, number] }).range;
    if (range) addNode(nodeSpan(node as { range: [number, number, number] }));
    if (isScalar(node) && range && spansLines(range[0], range[1])) index.multiline.push(nodeSpan(node));
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as { range?: [number, number, number] } | null;
        const value = pair.value as { range?: [number, number, number] } | null;
        if (key?.range) index.pairs.set(key.range[0], { start: key.range[0], end: value?.range ? value.range[1] : key.range[1] });
        walk(pair.key, depth + 1);
        walk(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        const itemRange = (item as { range?: [number, number, number] } | null)?.range;
        if (itemRange) index.items.set(itemRange[0], { start: itemRange[0], end: itemRange[1] });
        walk(item, depth + 1);
      }
    }
  };
  for (const document of file.documents) {
    const contents = document.doc.contents as { range?: [number, number, number] } | null;
    if (contents?.range && isMap(contents)) index.roots.set(contents.range[0], { start: contents.range[0], end: contents.range[1] });
    walk(document.doc.contents, 0);
  }
  return index;
}

/** The node written at the first character `p` of a line, as an ignore comment above that line covers it. */
function targetAt(index: NodeIndex, text: string, p: number): Span | null {
  if (text[p] === '-' && /[ \t\r\n]/.test(text[p + 1] ?? '\n')) {
    let q = p + 1;
    while (q < text.length && /\s/.test(text[q])) q++;
    const item = index.items.get(q);
    return item ? { start: p, end: item.end } : null;
  }
  return index.roots.get(p) ?? index.pairs.get(p) ?? index.nodes.get(p) ?? null;
}

function firstContent(text: string, lineStart: number): number {
  let p = lineStart;
  while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
  return p;
}

function insideMultiline(index: NodeIndex, offset: number): boolean {
  return index.multiline.some((s) => offset > s.start && offset < s.end);
}

/** The ignore comments and annotations of a file. */
export function yamlIgnores(file: KubeFile): IgnoreDirective[] {
  const directives: IgnoreDirective[] = [];
  const text = file.text;
  let index: NodeIndex | null = null;
  for (let lineStart = 0; lineStart < text.length; lineStart = nextLineStart(text, lineStart)) {
    const p = firstContent(text, lineStart);
    if (text[p] !== '#') continue;
    const lineEnd = nextLineStart(text, p);
    const ignore = readIgnoreComment(text, p, lineEnd);
    if (!ignore) continue;
    index ??= nodeIndex(file);
    if (insideMultiline(index, p)) continue;
    const target = nextNodeAfter(index, text, lineEnd);
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
function nextNodeAfter(index: NodeIndex, text: string, from: number): Span | null {
  for (let lineStart = from; lineStart < text.length; lineStart = nextLineStart(text, lineStart)) {
    const p = firstContent(text, lineStart);
    if (p >= text.length) return null;
    if (text[p] === '\n' || text[p] === '\r' || text[p] === '#') continue;
    return targetAt(index, text, p);
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
  const index = nodeIndex(file);
  const target = targetAt(index, text, p);
  if (!target || at < target.start || at > target.end || insideMultiline(index, p)) return null;
  const existing = directives.find((d) => !d.foreign && d.target.start === target.start && d.comment.start < lineStart && d.comment.end <= lineStart);
  const edit: TextEdit = existing
    ? { start: existing.idsEnd, end: existing.idsEnd, newText: existing.ids.length > 0 ? `,${ruleId}` : ` ${ruleId}` }
    : { start: lineStart, end: lineStart, newText: ignoreCommentLine(ruleId, indentationAt(text, p), lineBreak(text)) };
  return { title: `Ignore ${ruleId} here`, safety: 'unsafe', edits: [edit], suppression: true };
}

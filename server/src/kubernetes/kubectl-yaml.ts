/**
 * Reads YAML the way kubectl does. kubectl reads manifests with go-yaml, a port of libyaml, which is
 * more lenient than the YAML 1.2 spec (and the `yaml` library) in two ways seen in real manifests:
 *
 * - it does not check indentation inside flow collections (`[ … ]`, `{ … }`) and quoted strings, so
 *   their later lines may sit at or left of the key that opens them;
 * - it accepts the escape `\'` in a double-quoted scalar and reads a quote.
 *
 * It also applies YAML 1.1 merge keys (`<<: *anchor`), which YAML 1.2 dropped: the maps merged in
 * are recorded so that key lookups find their keys, and a map may have more than one `<<`.
 *
 * A file kubectl applies must not be reported as broken, so both are accepted here, and the nodes get
 * the values and offsets kubectl's reading gives.
 */
import { isAlias, isMap, isScalar, isSeq, parse, parseAllDocuments, Scalar, visit, YAMLParseError } from 'yaml';
import type { YAMLMap } from 'yaml';
import { isMergeKey, setMergeSources } from './nodes';
import type { Document } from 'yaml';

/** Duplicate keys are found by `markDuplicateKeys`: the library's own check takes quadratic time in a map's size. */
const OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

/**
 * Each re-indented line costs one more reading of the file: at most this many characters are read in
 * all (so a long file gets fewer rounds), and never fewer than MIN_ROUNDS rounds, before the file is
 * taken as really broken.
 */
const MAX_CHARS_READ = 2_000_000;
const MIN_ROUNDS = 10;

/** The documents of `text`, read as kubectl reads them. */
export function readYamlDocuments(text: string): Document.Parsed[] {
  const parsed = parseAllDocuments(text, OPTIONS);
  let docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  if (docs.some((doc) => doc.errors.some(isIndentError))) docs = reindentLines(text, docs);
  for (const doc of docs) {
    markDuplicateKeys(doc);
    acceptQuoteEscapes(doc, text);
    recordMergeKeys(doc);
  }
  return docs;
}

function isFlowIndentError(error: { code: string; message: string }): boolean {
  return error.code === 'BAD_INDENT' && /^Flow (sequence|map) in block collection must be sufficiently indented/.test(error.message);
}

/** The error the library gives when a quoted string's next line sits too far left: it stops at the line's end. */
function isQuoteIndentError(error: { code: string; message: string }): boolean {
  return error.code === 'MISSING_CHAR' && /^Missing closing ["']quote/.test(error.message);
}

function isIndentError(error: { code: string; message: string }): boolean {
  return isFlowIndentError(error) || isQuoteIndentError(error);
}

/** `count` spaces added before the original text's offset `at`. */
interface Insertion {
  at: number;
  count: number;
}

/**
 * Adds indentation to the lines of flow collections and quoted strings that the `yaml` library finds
 * under-indented until it reads the file without such errors (leading spaces carry no meaning on
 * those lines), then maps the new documents' offsets back onto `text`. Returns `docs` unchanged when
 * the file still has errors afterwards: then it is really broken, and the first reading says best
 * where.
 */
function reindentLines(text: string, docs: Document.Parsed[]): Document.Parsed[] {
  const insertions: Insertion[] = [];
  let patched = text;
  const rounds = Math.max(MIN_ROUNDS, Math.floor(MAX_CHARS_READ / Math.max(1, text.length)));
  for (let round = 0; round < rounds; round++) {
    const parsed = parseAllDocuments(patched, OPTIONS);
    const current: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
    // Each document's first error (after the escapes kubectl accepts) tells where reading went wrong.
    const error = current
      .map((doc) => doc.errors.find((e) => e.code !== 'BAD_DQ_ESCAPE'))
      .find((first) => first !== undefined && isIndentError(first));
    if (!error) {
      if (current.length !== docs.length || current.some((doc) => doc.errors.some((e) => e.code !== 'BAD_DQ_ESCAPE'))) return docs;
      for (const doc of current) remapOffsets(doc, insertions);
      return current;
    }
    const line = isFlowIndentError(error) ? underIndentedFlowLine(current, patched, error.pos[0]) : underIndentedQuoteLine(current, patched, error.pos[0]);
    if (!line) return docs;
    const { lineStart, needed } = line;
    const at = toOriginal(lineStart, insertions);
    const indent = /^ */.exec(patched.slice(lineStart))?.[0].length ?? 0;
    // A line is re-indented once: if that did not help, the collection or string is really left open.
    if (needed <= indent || insertions.some((insertion) => insertion.at === at)) return docs;
    const count = needed - indent;
    patched = patched.slice(0, lineStart) + ' '.repeat(count) + patched.slice(lineStart);
    insertions.push({ at, count });
    insertions.sort((a, b) => a.at - b.at);
  }
  return docs;
}

/** A line to re-indent: where it starts, and the indentation it needs. */
interface UnderIndentedLine {
  lineStart: number;
  needed: number;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/**
 * The flow-collection line the error is on. It must be indented past the last flow collection that
 * opens before it: the one the library cut short, or one nested in it.
 */
function underIndentedFlowLine(docs: Document.Parsed[], text: string, offset: number): UnderIndentedLine | null {
  let start = -1;
  for (const doc of docs) {
    visit(doc, {
      Map(_key, node) {
        if (node.flow && node.range && node.range[0] < offset && node.range[0] > start) start = node.range[0];
      },
      Seq(_key, node) {
        if (node.flow && node.range && node.range[0] < offset && node.range[0] > start) start = node.range[0];
      },
    });
  }
  if (start < 0) return null;
  return { lineStart: text.lastIndexOf('\n', offset - 1) + 1, needed: columnOf(text, start) + 1 };
}

/**
 * The quoted-string line after the error, which the library puts at the end of the line before it.
 * It must be indented past the string's opening quote. Null at the end of the file: the string is
 * really left open.
 */
function underIndentedQuoteLine(docs: Document.Parsed[], text: string, offset: number): UnderIndentedLine | null {
  const newline = text.indexOf('\n', offset);
  if (newline < 0 || newline + 1 >= text.length || /^[ \t]*\r?$/.test(text.slice(offset, newline)) === false) return null;
  let start = -1;
  for (const doc of docs) {
    visit(doc, {
      Scalar(_key, node) {
        const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
        if (quoted && node.range && node.range[0] < offset && node.range[0] > start) start = node.range[0];
      },
    });
  }
  if (start < 0) return null;
  return { lineStart: newline + 1, needed: columnOf(text, start) + 1 };
}

/** The offset in the original text of `offset` in the re-indented one (added spaces map to where they were added). */
function toOriginal(offset: number, insertions: readonly Insertion[]): number {
  let shift = 0;
  for (const { at, count } of insertions) {
    if (offset < at + shift) break;
    if (offset < at + shift + count) return at;
    shift += count;
  }
  return offset - shift;
}

/** Moves every offset the document holds (nodes, the document, errors) from the re-indented text to the original. */
function remapOffsets(doc: Document.Parsed, insertions: readonly Insertion[]): void {
  if (insertions.length === 0) return;
  const map = (range: [number, number, number]): [number, number, number] => [
    toOriginal(range[0], insertions),
    toOriginal(range[1], insertions),
    toOriginal(range[2], insertions),
  ];
  doc.range = map(doc.range);
  for (const error of [...doc.errors, ...doc.warnings]) {
    error.pos = [toOriginal(error.pos[0], insertions), toOriginal(error.pos[1], insertions)];
  }
  visit(doc, {
    Node(_key, node) {
      if (node.range) node.range = map(node.range);
    },
  });
}

/**
 * Drops the library's errors for `\'` in double-quoted scalars, and gives those scalars the value
 * kubectl reads (the escape read as a quote).
 */
function acceptQuoteEscapes(doc: Document.Parsed, text: string): void {
  const positions = new Set<number>();
  const errors = doc.errors.filter((error) => {
    const start = error.pos[0];
    const quoteEscape = error.code === 'BAD_DQ_ESCAPE' && text.startsWith("\\'", start);
    if (quoteEscape) positions.add(start);
    return !quoteEscape;
  });
  if (positions.size === 0) return;
  doc.errors.length = 0;
  for (const error of errors) doc.errors.push(error); // No spread: a file may have more errors than a call takes arguments.
  visit(doc, {
    Scalar(_key, node) {
      if (node.type !== Scalar.QUOTE_DOUBLE || !node.range) return;
      const [start, end] = node.range;
      if (![...positions].some((at) => at >= start && at < end)) return;
      const source = text.slice(start, end).replace(/\\(.)/gs, (escape: string, next: string) => (next === "'" ? "'" : escape));
      try {
        const value: unknown = parse(source);
        if (typeof value === 'string') node.value = value;
      } catch {
        // Keep the value the library read.
      }
    },
  });
}

/**
 * Adds a `DUPLICATE_KEY` error for each scalar key that repeats an earlier key of its map, as the
 * library's `uniqueKeys` does, in linear time. Repeated `<<` merge keys are no error: kubectl
 * accepts them.
 */
function markDuplicateKeys(doc: Document.Parsed): void {
  const duplicates: YAMLParseError[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key) || !key.range || isMergeKey(key) || Number.isNaN(key.value)) continue;
        if (seen.has(key.value)) duplicates.push(new YAMLParseError([key.range[0], key.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        else seen.add(key.value);
      }
    },
  });
  if (duplicates.length === 0) return;
  // Merged in position order, the library's errors keeping their own order.
  duplicates.sort((a, b) => a.pos[0] - b.pos[0]);
  const own = doc.errors.slice();
  doc.errors.length = 0;
  let next = 0;
  for (const error of own) {
    for (; next < duplicates.length && duplicates[next].pos[0] < error.pos[0]; next++) doc.errors.push(duplicates[next]);
    doc.errors.push(error);
  }
  for (; next < duplicates.length; next++) doc.errors.push(duplicates[next]);
}

/** Records, for every map with `<<` keys, the maps they merge in. */
function recordMergeKeys(doc: Document.Parsed): void {
  const asMergedMap = (node: unknown): YAMLMap<unknown, unknown> | null => {
    const target = isAlias(node) ? node.resolve(doc) : node;
    return isMap(target) ? target : null;
  };
  visit(doc, {
    Map(_key, map) {
      for (const pair of map.items) {
        if (!isMergeKey(pair.key)) continue;
        const values = isSeq(pair.value) ? pair.value.items : [pair.value];
        const sources = values.map(asMergedMap).filter((source): source is YAMLMap<unknown, unknown> => source !== null && source !== map);
        setMergeSources(map, pair, sources);
      }
    },
  });
}

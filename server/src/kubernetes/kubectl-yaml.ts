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

/**
 * The documents of `text`, read as kubectl reads them. With a cache (one per open document), only
 * the documents whose text changed since the last call are read again (see `YamlDocumentCache`).
 */
export function readYamlDocuments(text: string, cache?: YamlDocumentCache): Document.Parsed[] {
  return cache ? cache.read(text) : readWhole(text);
}

function readWhole(text: string): Document.Parsed[] {
  const parsed = parseAllDocuments(text, OPTIONS);
  let docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  if (docs.some((doc) => doc.errors.some(isIndentError))) docs = reindentLines(text, docs);
  for (const doc of docs) {
    markDuplicateKeys(doc);
    acceptQuoteEscapes(doc, text);
    recordMergeSources(doc);
  }
  return docs;
}

/** One document read from its own text (see `YamlDocumentCache`), at the offset it was last used at. */
interface CachedDocument {
  doc: Document.Parsed;
  offset: number;
  /** The first reading had indentation errors that kubectl accepts: the whole file must be read. */
  reindent: boolean;
}

/** A `---` line at column 0 (the marker and what follows it on the line, line break excluded). */
const DOCUMENT_START = /^---(?=[ \t\r\n]|$)[^\r\n]*/gm;
/** A `...` document end marker or a `%` directive at column 0: such files are read whole. */
const END_OR_DIRECTIVE = /^(?:\.\.\.(?:[ \t\r\n]|$)|%)/m;
/** A line that is blank or a comment. */
const NOT_CONTENT = /^[ \t]*(?:#.*)?$/;

/**
 * Keeps the documents of one text between edits, by their text. The `yaml` package ends a document
 * at every `---` line at column 0, inside block scalars, quoted strings and flow collections too,
 * and reads a document the same with or without what comes after the next `---` line; so each
 * document is read from its own text (plus the next `---` line, which its errors may point at), and
 * a document whose text did not change is reused.
 *
 * A reused document keeps its objects when it sits at the same offset. When it moved, it is cloned
 * with its offsets (nodes, the document, errors and warnings) moved to the new place: the documents
 * an older analysis holds are never changed. Files with `...` markers, directives or indentation that
 * only kubectl accepts are read whole, as without a cache.
 */
export class YamlDocumentCache {
  private documents = new Map<string, CachedDocument[]>();

  /** The documents of `text` (as `readYamlDocuments(text)` gives them); keeps them for the next call. */
  read(text: string): Document.Parsed[] {
    const chunks = END_OR_DIRECTIVE.test(text) ? null : splitDocuments(text);
    const used = new Map<string, CachedDocument[]>();
    const docs: Document.Parsed[] = [];
    for (const chunk of chunks ?? []) {
      const cached = this.take(chunk.key, chunk.start) ?? readChunk(chunk);
      if (!cached || cached.reindent) break;
      docs.push(moveTo(cached, chunk.start).doc);
      const list = used.get(chunk.key) ?? [];
      list.push(cached);
      used.set(chunk.key, list);
    }
    this.documents = used;
    if (chunks && docs.length === chunks.length) return docs;
    this.documents = new Map();
    return readWhole(text);
  }

  /** A kept document with this text, preferably one at `offset`; removed from the kept ones. */
  private take(key: string, offset: number): CachedDocument | null {
    const list = this.documents.get(key);
    if (!list || list.length === 0) return null;
    const at = list.findIndex((cached) => cached.offset === offset);
    return list.splice(at >= 0 ? at : 0, 1)[0];
  }
}

/** Where a document starts, and its text: up to the next document's start, plus the next `---` line. */
interface Chunk {
  start: number;
  /** The text read for the document (with the next `---` line): the cache key. */
  key: string;
  last: boolean;
}

/**
 * Where the documents start: at 0 and at each `---` line, except the first `---` when only blank
 * lines and comments come before it (they belong to that document). Null when the text has none.
 */
function splitDocuments(text: string): Chunk[] | null {
  const markers: { start: number; lineEnd: number }[] = [];
  for (const match of text.matchAll(DOCUMENT_START)) markers.push({ start: match.index ?? 0, lineEnd: (match.index ?? 0) + match[0].length });
  if (markers.length > 0 && markers[0].start > 0 && isPrelude(text.slice(0, markers[0].start))) markers[0] = { start: 0, lineEnd: markers[0].lineEnd };
  if (markers.length === 0 || markers[0].start > 0) markers.unshift({ start: 0, lineEnd: 0 });
  return markers.map((marker, i) => {
    const next = markers[i + 1];
    return { start: marker.start, key: text.slice(marker.start, next ? next.lineEnd : text.length), last: !next };
  });
}

/** True when a text holds only blank lines and comments (a byte order mark first allowed). */
function isPrelude(text: string): boolean {
  return text.replace(/^\uFEFF/, '').split('\n').every((line) => NOT_CONTENT.test(line));
}

/**
 * Reads one document from its text (with the next `---` line, whose document is dropped). Null
 * when the text does not give exactly the documents expected.
 */
function readChunk(chunk: Chunk): CachedDocument | null {
  const parsed = parseAllDocuments(chunk.key, OPTIONS);
  const docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  if (docs.length !== (chunk.last ? 1 : 2)) return null;
  if (!chunk.last && leaksIntoNext(docs[1], chunk.key.slice(chunk.key.lastIndexOf('\n') + 1))) return null;
  const doc = docs[0];
  const reindent = doc.errors.some(isIndentError);
  markDuplicateKeys(doc);
  acceptQuoteEscapes(doc, chunk.key);
  recordMergeSources(doc);
  shiftOffsets(doc, chunk.start);
  return { doc, offset: chunk.start, reindent };
}

/**
 * True when comments or blank lines of the document went to the next one (the library does so
 * when a broken document ended before its text did): the next document's reading then depends on
 * this one's text. Seen by reading the next `---` line alone.
 */
function leaksIntoNext(next: Document.Parsed, markerLine: string): boolean {
  const parsed = parseAllDocuments(markerLine, OPTIONS);
  const alone = Array.isArray(parsed) ? parsed[0] : undefined;
  const before = (doc: Document.Parsed | undefined) => {
    const contents = doc?.contents as { commentBefore?: string | null; spaceBefore?: boolean } | null | undefined;
    return [doc?.commentBefore ?? null, contents?.commentBefore ?? null, contents?.spaceBefore ?? false, doc?.errors.length ?? -1].join('\u0000');
  };
  return before(next) !== before(alone);
}

/** The cached document at `offset`: itself when it is there, else a clone moved there (which is kept instead). */
function moveTo(cached: CachedDocument, offset: number): CachedDocument {
  if (cached.offset === offset) return cached;
  const doc = cached.doc.clone() as Document.Parsed;
  doc.errors = doc.errors.map(cloneError);
  doc.warnings = doc.warnings.map(cloneError);
  shiftOffsets(doc, offset - cached.offset);
  recordMergeSources(doc);
  cached.doc = doc;
  cached.offset = offset;
  return cached;
}

function cloneError<T extends object>(error: T): T {
  return Object.create(Object.getPrototypeOf(error) as object, Object.getOwnPropertyDescriptors(error)) as T;
}

/** Adds `delta` to every offset a document holds (nodes, the document, errors and warnings). */
function shiftOffsets(doc: Document.Parsed, delta: number): void {
  if (delta !== 0) mapOffsets(doc, (offset) => offset + delta);
}

/** Replaces every offset a document holds (nodes, the document, errors and warnings) with `move(offset)`. */
function mapOffsets(doc: Document.Parsed, move: (offset: number) => number): void {
  const map = (range: [number, number, number]): [number, number, number] => [move(range[0]), move(range[1]), move(range[2])];
  doc.range = map(doc.range);
  for (const error of [...doc.errors, ...doc.warnings]) error.pos = [move(error.pos[0]), move(error.pos[1])];
  visit(doc, {
    Node(_key, node) {
      if (node.range) node.range = map(node.range);
    },
  });
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
  if (insertions.length > 0) mapOffsets(doc, (offset) => toOriginal(offset, insertions));
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

/** Records, for every map with `<<` keys, the maps they merge in (see `setMergeSources`). */
function recordMergeSources(doc: Document.Parsed): void {
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

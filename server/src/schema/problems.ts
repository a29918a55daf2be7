/**
 * Turns ajv's errors for one manifest into findings: one per real mistake, on the key or value
 * that shows it, in plain words, with a fix where the intent is clear (a field name one typo
 * away, a number that must be quoted, an enum value in the wrong case).
 */
import type { ErrorObject } from 'ajv';
import { isAlias, isMap, isPair, isScalar, Scalar } from 'yaml';
import type { Pair } from 'yaml';
import type { Fix, Severity, TextEdit } from '../findings';
import type { Manifest } from '../kubernetes/model';
import { nodeSpan, spanOf, stringValue } from '../kubernetes/nodes';
import type { Span } from '../text';
import { isYaml11Boolean } from './api-value';
import type { ApiValue, MapSource } from './api-value';
import { closest } from './closest';
import type { CompiledSchema } from './schemas';
import { knownFields, schemaAt } from './walk';
import type { SchemaObject } from './walk';
import { codeList, fieldName, objectNoun, sentence, typeWords, valueWords } from './words';

export interface SchemaProblem extends Span {
  message: string;
  fixes: Fix[];
  /** Set for problems that are not certain to fail (a field a newer Kubernetes may have). */
  severity?: Severity;
}

/** What the messages need to know about the manifest being validated. */
export interface ValidationTarget {
  manifest: Manifest;
  text: string;
  /** A kustomize patch holds partial objects: missing fields and `$patch` directives are fine there. */
  isPatch: boolean;
}

interface Context extends ValidationTarget {
  schema: CompiledSchema;
  api: ApiValue;
}

/** A place in the value and the YAML it came from. */
interface Place {
  value: unknown;
  /** The node as written there (an alias stays an alias). */
  written: unknown;
  /** The pair whose value this is, when the place is a field. */
  pair: Pair<unknown, unknown> | null;
  /** The nearest pair on the way here (the field a list item belongs to). */
  nearest: Pair<unknown, unknown> | null;
}

const QUANTITY = 'api.resource.Quantity';
const PLAIN_WORD = /^[A-Za-z][A-Za-z0-9._-]*$/;
const INTEGER_TEXT = /^-?(?:0|[1-9][0-9]*)$/;

/** Validates a manifest's value with a compiled schema and describes what is wrong. */
export function validateWith(schema: CompiledSchema, target: ValidationTarget, api: ApiValue): SchemaProblem[] {
  if (schema.validate(api.value)) return [];
  const context: Context = { ...target, schema, api };
  const problems: SchemaProblem[] = [];
  const errors = collapse(schema.validate.errors ?? []);
  const required = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword === 'required') {
      const missing = String((error.params as { missingProperty: unknown }).missingProperty);
      required.set(error.instancePath, [...(required.get(error.instancePath) ?? []), missing]);
      continue;
    }
    const problem = describe(context, error);
    if (problem) problems.push(problem);
  }
  if (!target.isPatch) for (const [pointer, missing] of required) problems.push(...missingFields(context, segmentsOf(pointer), missing));
  return unique(problems);
}

/**
 * Keeps one error per mistake: a failed `anyOf`/`oneOf` stands for the errors of its branches,
 * a wrong type for the other errors of the same value, and `if` only says which `then` failed.
 */
function collapse(errors: readonly ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const within = (error: ErrorObject, union: ErrorObject): boolean =>
    error !== union && (error.instancePath === union.instancePath || error.instancePath.startsWith(`${union.instancePath}/`));
  const kept = errors.filter((e) => e.keyword !== 'if' && !unions.some((u) => within(e, u)));
  const wrongType = new Set(kept.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return kept.filter((e) => e.keyword === 'type' || !wrongType.has(e.instancePath));
}

function unique(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.start}:${p.end}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A JSON pointer's segments: `/a/b~1c` -> `['a', 'b/c']`. */
function segmentsOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Follows a pointer's segments through the value and its YAML. */
function locate(context: Context, segments: readonly string[]): Place | null {
  let place: Place = { value: context.api.value, written: context.manifest.node, pair: null, nearest: null };
  for (const segment of segments) {
    const value = place.value;
    const source = value !== null && typeof value === 'object' ? context.api.sources.get(value) : undefined;
    if (!source) return null;
    if (source.kind === 'map') {
      const pair = source.pairs.get(segment);
      if (!pair) return null;
      place = { value: (value as Record<string, unknown>)[segment], written: pair.value, pair, nearest: pair };
    } else {
      const index = Number(segment);
      place = { value: (value as unknown[])[index], written: source.node.items[index], pair: null, nearest: place.nearest };
    }
  }
  return place;
}

function mapSourceAt(context: Context, place: Place | null): MapSource | null {
  const value = place?.value;
  const source = value !== null && typeof value === 'object' ? context.api.sources.get(value) : undefined;
  return source?.kind === 'map' ? source : null;
}

/** The span of a pair's key. */
function keySpan(pair: Pair<unknown, unknown>): Span | null {
  return spanOf(pair.key);
}

/** A span with at least one character: an empty value (`- ` with nothing after it) has none. */
function visible(span: Span | null): Span | null {
  return span && span.end > span.start ? span : null;
}

/** The first line of a node: a block map or list is reported on its first line only. */
function firstLine(context: Context, node: unknown): Span | null {
  const span = spanOf(node);
  if (!span) return null;
  const text = context.text.slice(span.start, span.end);
  const lineEnd = text.search(/[\r\n]/);
  const end = span.start + (lineEnd >= 0 ? text.slice(0, lineEnd).trimEnd().length : text.trimEnd().length);
  return { start: span.start, end: Math.max(end, span.start) };
}

/**
 * Where to report a value: the scalar as written, else its key, else its first line, else (an
 * empty list item) the field of the list; the kind for the whole manifest.
 */
function valueSpan(context: Context, place: Place | null, segments: readonly string[]): Span {
  if (place && segments.length > 0) {
    const scalar = isScalar(place.written) || isAlias(place.written) ? visible(spanOf(place.written)) : null;
    const found = scalar ?? (place.pair ? keySpan(place.pair) : null) ?? visible(firstLine(context, place.written)) ?? (place.nearest ? keySpan(place.nearest) : null);
    if (found) return found;
  }
  return context.manifest.kind.range;
}

/** Where to report an object (a missing field): its key, else its first key (a list item), else the kind. */
function objectSpan(context: Context, place: Place | null, segments: readonly string[]): Span {
  if (place && segments.length > 0) {
    const first = isMap(place.written) ? place.written.items.find(isPair) : undefined;
    const found =
      (place.pair ? keySpan(place.pair) : null) ??
      (first ? keySpan(first) : null) ??
      visible(firstLine(context, place.written)) ??
      (place.nearest ? keySpan(place.nearest) : null);
    if (found) return found;
  }
  return context.manifest.kind.range;
}

/** The name of the definition at a place, for built-in schemas (whose definitions are the Kubernetes types). */
function definitionAt(context: Context, segments: readonly string[]): { schema: SchemaObject | null; definition: string | null; entry: boolean } {
  const place = schemaAt(context.schema.source(), context.api.value, segments);
  return { ...place, definition: context.schema.builtIn ? place.definition : null };
}

/** False where a value must never be shown: a Secret's `data` and `stringData`. */
function mayShowValue(context: Context, segments: readonly string[], value: unknown): boolean {
  const secret = context.manifest.kind.value === 'Secret' && context.manifest.group === '' && (segments[0] === 'data' || segments[0] === 'stringData');
  return !secret && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') && String(value).length <= 60;
}

function describe(context: Context, error: ErrorObject): SchemaProblem | null {
  const segments = segmentsOf(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownField(context, segments, String((error.params as { additionalProperty: unknown }).additionalProperty));
    case 'unevaluatedProperties':
      return unknownField(context, segments, String((error.params as { unevaluatedProperty: unknown }).unevaluatedProperty));
    case 'type':
      return wrongType(context, segments, String((error.params as { type: unknown }).type).split(','));
    case 'enum':
      return notAllowed(context, segments, (error.params as { allowedValues: unknown[] }).allowedValues);
    case 'anyOf':
    case 'oneOf':
      return union(context, segments, error);
    default:
      return otherKeyword(context, segments, error);
  }
}

/** An unknown field, reported on its key, with the closest known field as a rename. */
function unknownField(context: Context, segments: readonly string[], field: string): SchemaProblem | null {
  if (context.isPatch && field.startsWith('$')) return null;
  const source = mapSourceAt(context, locate(context, segments));
  const pair = source?.pairs.get(field);
  const span = (pair && keySpan(pair)) ?? context.manifest.kind.range;
  const place = definitionAt(context, segments);
  const noun = objectNoun(context.manifest.kind.value, segments, place.definition);
  const suggestion = closest(field, knownFields(context.schema.source(), place.schema));
  if (!suggestion) {
    if (!context.schema.builtIn) {
      return { ...span, message: `Unknown field \`${field}\` in ${noun}: the schema ${context.schema.origin} does not allow it.`, fixes: [] };
    }
    // Not a near miss of a known field: it may be a field of a newer Kubernetes, which a newer
    // cluster accepts. Only a cluster of that version can say, so this is a warning, not an error.
    return {
      ...span,
      severity: 'warning',
      message: `Unknown field \`${field}\` in ${noun}: ${context.schema.origin} has no such field. If a newer Kubernetes added it, your cluster needs that version; otherwise the API server rejects it.`,
      fixes: [],
    };
  }
  const fixes: Fix[] = [];
  const taken = source ? source.pairs.has(suggestion) || source.nulls.has(suggestion) : true;
  if (pair && !taken) {
    const key = stringValue(pair.key, context.text);
    const target = key?.content ?? key?.range;
    if (target) fixes.push({ title: `Rename to ${suggestion}`, safety: 'unsafe', preferred: true, edits: [{ ...target, newText: suggestion }] });
  }
  return { ...span, message: `Unknown field \`${field}\` in ${noun}; did you mean \`${suggestion}\`?`, fixes };
}

/** A value of the wrong JSON type, with "quote it" or "remove the quotes" when that is what was meant. */
function wrongType(context: Context, segments: readonly string[], expected: string[]): SchemaProblem {
  const place = locate(context, segments);
  const value = place?.value;
  const span = valueSpan(context, place, segments);
  const field = sentence(fieldName(segments, definitionAt(context, segments).entry));
  let message = value === null || value === undefined ? `${field} is empty; it must be ${typeWords(expected)}` : `${field} must be ${typeWords(expected)}, not ${valueWords(value)}`;
  const fixes: Fix[] = [];
  const written = place?.written;
  if (expected.includes('string') && (typeof value === 'number' || typeof value === 'boolean') && isScalar(written) && written.range) {
    const yaml11 = isYaml11Boolean(written);
    const word = context.text.slice(written.range[0], written.range[1]);
    message += yaml11 ? `: kubectl reads an unquoted ${word} as ${String(value)}. Quote it to keep the text.` : ': quote it.';
    fixes.push({ title: 'Quote the value', safety: yaml11 ? 'unsafe' : 'safe', preferred: true, edits: [quoteEdit(context, written)] });
  } else if (typeof value === 'string' && isQuoted(written) && unquotable(value, expected)) {
    message += ': remove the quotes.';
    fixes.push({ title: 'Remove the quotes', safety: 'safe', preferred: true, edits: [{ ...nodeSpan(written), newText: value }] });
  } else {
    message += '.';
  }
  return { ...span, message, fixes };
}

function isQuoted(node: unknown): node is Scalar & { range: [number, number, number] } {
  return isScalar(node) && !!node.range && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE);
}

/** True when the quoted string, unquoted, is the integer or boolean the field wants (in YAML 1.1 and 1.2 alike). */
function unquotable(value: string, expected: readonly string[]): boolean {
  if ((expected.includes('integer') || expected.includes('number')) && INTEGER_TEXT.test(value)) return true;
  return expected.includes('boolean') && (value === 'true' || value === 'false');
}

function quoteEdit(context: Context, node: Scalar): TextEdit {
  const span = nodeSpan(node);
  return { ...span, newText: JSON.stringify(context.text.slice(span.start, span.end)) };
}

/** A value outside an enumeration, with the closest allowed value as a fix. */
function notAllowed(context: Context, segments: readonly string[], allowedValues: readonly unknown[]): SchemaProblem {
  const place = locate(context, segments);
  const span = valueSpan(context, place, segments);
  const allowed = allowedValues.filter((v) => v !== '');
  const shown = allowed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  const field = sentence(fieldName(segments, definitionAt(context, segments).entry));
  const value = place?.value;
  const suggestion = typeof value === 'string' ? closest(value, allowed.filter((v): v is string => typeof v === 'string')) : null;
  const list = shown.length === 1 ? `\`${shown[0]}\`` : `one of ${shown.join(', ')}`;
  if (!suggestion) return { ...span, message: `${field} must be ${list}.`, fixes: [] };
  const fixes: Fix[] = [];
  if (isScalar(place?.written) && place?.written.range) {
    const newText = PLAIN_WORD.test(suggestion) && place.written.type === Scalar.PLAIN ? suggestion : JSON.stringify(suggestion);
    fixes.push({ title: `Change to ${suggestion}`, safety: 'unsafe', preferred: true, edits: [{ ...nodeSpan(place.written), newText }] });
  }
  return { ...span, message: `${field} must be ${list}; did you mean ${suggestion}?`, fixes };
}

/** Required fields that are missing: one finding per object; a field present but empty is reported on its own key. */
function missingFields(context: Context, segments: readonly string[], missing: readonly string[]): SchemaProblem[] {
  const place = locate(context, segments);
  const source = mapSourceAt(context, place);
  const noun = objectNoun(context.manifest.kind.value, segments, definitionAt(context, segments).definition);
  const problems: SchemaProblem[] = [];
  const absent: string[] = [];
  for (const field of missing) {
    const empty = source?.nulls.get(field);
    const span = empty ? keySpan(empty) : null;
    if (span) problems.push({ ...span, message: `\`${field}\` is empty, but ${noun} needs it.`, fixes: [] });
    else absent.push(field);
  }
  if (absent.length > 0) problems.push({ ...objectSpan(context, place, segments), message: `${sentence(noun)} needs ${codeList(absent)}.`, fixes: [] });
  return problems;
}

/** A value that matches no branch of an `anyOf`/`oneOf` (user schemas; the built-in ones have no unions). */
function union(context: Context, segments: readonly string[], error: ErrorObject): SchemaProblem {
  const place = locate(context, segments);
  const span = valueSpan(context, place, segments);
  const field = sentence(fieldName(segments, definitionAt(context, segments).entry));
  if ((error.params as { passingSchemas?: unknown }).passingSchemas) {
    return { ...span, message: `${field} matches more than one of the forms the schema allows, and must match exactly one.`, fixes: [] };
  }
  const types = branchTypes(context, segments);
  if (types && !types.some((t) => matchesType(place?.value, t))) {
    return { ...span, message: `${field} must be ${typeWords(types)}, not ${valueWords(place?.value)}.`, fixes: [] };
  }
  return { ...span, message: `${field} has none of the forms the schema allows.`, fixes: [] };
}

/** The JSON types the branches of the union at a place accept, when every branch says. */
function branchTypes(context: Context, segments: readonly string[]): string[] | null {
  const source = context.schema.source();
  const schema = schemaAt(source, context.api.value, segments).schema;
  const branches = (schema?.anyOf ?? schema?.oneOf) as unknown[] | undefined;
  if (!Array.isArray(branches)) return null;
  const types: string[] = [];
  for (const branch of branches) {
    const resolved = schemaAt({ document: source.document, root: branch }, undefined, []).schema;
    const type = resolved?.type;
    if (typeof type === 'string') types.push(type);
    else if (Array.isArray(type)) types.push(...type.map(String));
    else return null;
  }
  return [...new Set(types)];
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

/** Messages for the other JSON Schema keywords (mostly met in user schemas). */
function otherKeyword(context: Context, segments: readonly string[], error: ErrorObject): SchemaProblem {
  const place = locate(context, segments);
  const span = valueSpan(context, place, segments);
  const schemaPlace = definitionAt(context, segments);
  const field = sentence(fieldName(segments, schemaPlace.entry));
  const params = error.params as Record<string, unknown>;
  const value = place?.value;
  const shown = mayShowValue(context, segments, value) ? `, not \`${String(value)}\`` : '';
  const limit = String(params.limit);
  const say = (message: string): SchemaProblem => ({ ...span, message, fixes: [] });
  switch (error.keyword) {
    case 'pattern':
      if (schemaPlace.definition === QUANTITY) return quantity(place, span, field, shown);
      return say(`${field} must match the pattern \`${String(params.pattern)}\`${shown}.`);
    case 'const':
      return say(`${field} must be \`${JSON.stringify(params.allowedValue)}\`${shown}.`);
    case 'minimum':
      return say(`${field} must be at least ${limit}${shown}.`);
    case 'exclusiveMinimum':
      return say(`${field} must be greater than ${limit}${shown}.`);
    case 'maximum':
      return say(`${field} must be at most ${limit}${shown}.`);
    case 'exclusiveMaximum':
      return say(`${field} must be less than ${limit}${shown}.`);
    case 'multipleOf':
      return say(`${field} must be a multiple of ${String(params.multipleOf)}${shown}.`);
    case 'minLength':
      return say(`${field} must be at least ${limit} characters long.`);
    case 'maxLength':
      return say(`${field} must be at most ${limit} characters long.`);
    case 'minItems':
      return say(`${field} needs at least ${limit} ${Number(limit) === 1 ? 'item' : 'items'}.`);
    case 'maxItems':
      return say(`${field} can have at most ${limit} ${Number(limit) === 1 ? 'item' : 'items'}.`);
    case 'minProperties':
      return say(`${field} needs at least ${limit} ${Number(limit) === 1 ? 'entry' : 'entries'}.`);
    case 'maxProperties':
      return say(`${field} can have at most ${limit} ${Number(limit) === 1 ? 'entry' : 'entries'}.`);
    case 'uniqueItems':
      return say(`${field} holds the same item twice (items ${Number(params.j) + 1} and ${Number(params.i) + 1}).`);
    case 'dependencies':
    case 'dependentRequired':
      return say(`\`${String(params.property)}\` needs \`${String(params.missingProperty)}\` next to it.`);
    case 'propertyNames':
      return say(`\`${String(params.propertyName)}\` is not an allowed key in ${objectNoun(context.manifest.kind.value, segments, schemaPlace.definition)}.`);
    case 'false schema':
      return say(`${field} is not allowed here.`);
    case 'not':
      return say(`${field} has a form the schema does not allow here.`);
    case 'contains':
      return say(`${field} has no item of the form the schema asks for.`);
    default:
      return say(`${field} is not valid: ${error.message ?? error.keyword}.`);
  }
}

/** A byte size written with a B (`512MB`, `1GiB`): its number and unit. */
const BYTE_UNIT = /^([0-9]+(?:\.[0-9]+)?)([kKMGTPE])(i?)[bB]$/;

/**
 * A quantity the API server cannot parse. For `512MB` or `1GiB`, says that Kubernetes units have
 * no B and offers the same size without it: `1GiB` -> `1Gi` keeps the size exactly (safe);
 * `512MB` -> `512M` keeps it as written, in powers of 1000, which may not be what was meant.
 */
function quantity(place: Place | null, span: Span, field: string, shown: string): SchemaProblem {
  const value = place?.value;
  const match = typeof value === 'string' ? BYTE_UNIT.exec(value) : null;
  const message = `${field} must be a quantity such as 500m, 128Mi, 1Gi or 2${shown}`;
  if (!match || !isScalar(place?.written) || !place?.written.range) return { ...span, message: `${message}.`, fixes: [] };
  const [, number, unit, binary] = match;
  const decimal = `${number}${unit === 'K' ? 'k' : unit}`;
  const powerOf2 = `${number}${unit.toUpperCase()}i`;
  const fixed = binary ? powerOf2 : decimal;
  return {
    ...span,
    message: `${message}; Kubernetes units have no B: write ${decimal} (powers of 1000) or ${powerOf2} (powers of 1024).`,
    fixes: [{ title: `Change to ${fixed}`, safety: binary ? 'safe' : 'unsafe', preferred: true, edits: [{ ...nodeSpan(place.written), newText: fixed }] }],
  };
}

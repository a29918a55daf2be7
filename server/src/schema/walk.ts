/**
 * Finds the part of a JSON Schema that applies at a place in a value, for the messages: which
 * fields an object knows (to suggest one for a typo), and which named definition it is (to call
 * it "a container"). Follows local `$ref`s, `properties`, `patternProperties`,
 * `additionalProperties`, `items` and the branches of `allOf`/`anyOf`/`oneOf`.
 */

export type SchemaObject = Record<string, unknown>;

/** A schema document and the schema in it that a value is validated against. */
export interface SchemaDocument {
  /** What `$ref`s such as `#/definitions/x` point into. */
  document: unknown;
  root: unknown;
}

/** The schema at a place in the value, and how it was reached. */
export interface SchemaPlace {
  schema: SchemaObject | null;
  /** The name of the last definition followed (`core.v1.Container`), or null. */
  definition: string | null;
  /** True when the last step was a map entry (`additionalProperties`/`patternProperties`), not a named field. */
  entry: boolean;
}

const MAX_REFS = 32;

function asObject(value: unknown): SchemaObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as SchemaObject) : null;
}

/** Reads a local JSON pointer (`#/definitions/a~1b`) in a document. */
function pointer(document: unknown, ref: string): unknown {
  if (ref === '#') return document;
  if (!ref.startsWith('#/')) return undefined;
  let current: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    const object = asObject(current);
    if (!object || !Object.prototype.hasOwnProperty.call(object, segment)) return undefined;
    current = object[segment];
  }
  return current;
}

/** Follows `$ref`s from a schema; the definition name is that of the last `#/definitions/<name>` (or `$defs`) followed. */
function deref(document: unknown, schema: unknown, definition: string | null): { schema: SchemaObject | null; definition: string | null } {
  let current = asObject(schema);
  let name = definition;
  for (let i = 0; current && typeof current.$ref === 'string' && i < MAX_REFS; i++) {
    const ref = current.$ref;
    const match = /^#\/(?:definitions|\$defs)\/([^/]+)$/.exec(ref);
    if (match) name = decodeURIComponent(match[1]).replace(/~1/g, '/').replace(/~0/g, '~');
    current = asObject(pointer(document, ref));
  }
  return { schema: current, definition: name };
}

/** The schema one step down: a field or map entry of an object, or an item of a list. */
function child(document: unknown, place: SchemaPlace, segment: string, inList: boolean, depth = 0): SchemaPlace | null {
  const schema = place.schema;
  if (!schema || depth > MAX_REFS) return null;
  const down = (sub: unknown, entry: boolean): SchemaPlace => ({ ...deref(document, sub, entry ? place.definition : null), entry });
  if (inList) {
    if (Array.isArray(schema.prefixItems) && schema.prefixItems[Number(segment)] !== undefined) return down(schema.prefixItems[Number(segment)], false);
    if (Array.isArray(schema.items)) {
      if (schema.items[Number(segment)] !== undefined) return down(schema.items[Number(segment)], false);
    } else if (asObject(schema.items)) return down(schema.items, false);
  } else {
    const properties = asObject(schema.properties);
    if (properties && Object.prototype.hasOwnProperty.call(properties, segment)) return down(properties[segment], false);
    const patterns = asObject(schema.patternProperties);
    for (const [pattern, sub] of Object.entries(patterns ?? {})) {
      if (safeTest(pattern, segment)) return down(sub, true);
    }
    if (asObject(schema.additionalProperties)) return down(schema.additionalProperties, true);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      const found = child(document, { ...deref(document, branch, place.definition), entry: place.entry }, segment, inList, depth + 1);
      if (found?.schema) return found;
    }
  }
  return null;
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

/**
 * The schema at `segments` (a JSON pointer's parts) in `value`; `schema` is null when the path
 * leaves what the schema describes.
 */
export function schemaAt(source: SchemaDocument, value: unknown, segments: readonly string[]): SchemaPlace {
  let place: SchemaPlace = { ...deref(source.document, source.root, null), entry: false };
  let current = value;
  for (const segment of segments) {
    const next = child(source.document, place, segment, Array.isArray(current));
    if (!next) return { schema: null, definition: null, entry: false };
    place = next;
    current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
  }
  return place;
}

/** The named fields an object schema knows, its `allOf`/`anyOf`/`oneOf` branches included. */
export function knownFields(source: SchemaDocument, schema: SchemaObject | null, depth = 0): string[] {
  if (!schema || depth > MAX_REFS) return [];
  const fields = new Set(Object.keys(asObject(schema.properties) ?? {}));
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) for (const field of knownFields(source, deref(source.document, branch, null).schema, depth + 1)) fields.add(field);
  }
  return [...fields];
}

/**
 * Checking a config file's text: YAML or JSON syntax, the shape the schema
 * (schemas/kubeready-config.schema.json) allows, and rule ids that exist. Each problem carries the
 * offsets of the key or value at fault, for diagnostics on the config file and `file:line:col`
 * messages.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { jsonErrorMessage, yamlErrorMessage } from '../parse-messages';
import { closest } from '../schema/closest';
import type { Span } from '../text';

/** One mistake in a config file. */
export interface ConfigProblem extends Span {
  message: string;
  /** `error`: the file cannot be used; `info`: it works, but could be written better (an older key name). */
  severity: 'error' | 'info';
}

/** A config file's text, read and checked. */
export interface CheckedConfig {
  /** The file's value (null for an empty file, or one with errors). */
  value: Record<string, unknown> | null;
  problems: ConfigProblem[];
  /** The offsets of the value at a path of keys (`['schemas', 0, 'schema']`), or of the nearest enclosing one. */
  locate(at: readonly (string | number)[]): Span;
}

const SEVERITIES = ['error', 'warning', 'info', 'off'];
/** A value short and plain enough to quote back in a message (a misspelt severity). */
const SHOWN_WORD = /^[A-Za-z]{1,12}$/;

let validator: ValidateFunction | null = null;

function schemaPath(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'schemas', 'kubeready-config.schema.json');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('schemas/kubeready-config.schema.json is missing from the installation');
}

/** The schema's errors for a config value (empty when it is valid). */
export function schemaErrors(value: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, verbose: true });
    // Editor-only keywords of the schema (VS Code and the YAML extension show them).
    ajv.addVocabulary(['markdownDescription', 'deprecationMessage', 'enumDescriptions']);
    validator = ajv.compile(JSON.parse(fs.readFileSync(schemaPath(), 'utf8')));
  }
  return validator(value) ? [] : chosenBranches(validator.errors ?? []);
}

/**
 * Of the errors under an `anyOf` or `oneOf`, keeps those of the branch the value was meant for:
 * of the branches whose type matches, the one with the fewest errors. So `latest-tag: loud` says
 * "not a severity" and not also "not an object".
 */
function chosenBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  let kept = errors.filter((e) => !alternatives.includes(e));
  for (const alternative of alternatives) {
    const prefix = `${alternative.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const error of kept) {
      if (!error.schemaPath.startsWith(prefix)) continue;
      const branch = error.schemaPath.slice(prefix.length).split('/')[0];
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    const wrongType = (list: ErrorObject[]): boolean =>
      list.some((e) => e.instancePath === alternative.instancePath && (e.keyword === 'type' || (e.keyword === 'enum' && typeof e.data !== 'string')));
    const candidates = [...branches.values()].sort((a, b) => Number(wrongType(a)) - Number(wrongType(b)) || a.length - b.length);
    const chosen = candidates[0] ?? [];
    kept = kept.filter((e) => !e.schemaPath.startsWith(prefix) || chosen.includes(e));
  }
  return kept;
}

/** The key path of an ajv `instancePath` (`/rules/latest-tag` -> rules, latest-tag). */
function pathOf(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** A key path for messages: `rules.latest-tag`, `schemas[1].schema`. */
function pathLabel(at: readonly (string | number)[]): string {
  return at.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** The plain message of one schema error. */
function errorMessage(error: ErrorObject, at: readonly (string | number)[]): string {
  const where = at.length > 0 ? `'${pathLabel(at)}'` : 'The config';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = closest(key, known);
      const inside = at.length > 0 ? `in '${pathLabel(at)}'` : 'at the top of the config';
      const hint = suggestion ? `: did you mean '${suggestion}'?` : known.length > 0 ? ` (known keys: ${known.join(', ')})` : '';
      return `Unknown key '${key}' ${inside}${hint}`;
    }
    case 'enum': {
      const rule = at[0] === 'rules' ? at[1] : undefined;
      const suggestion = typeof error.data === 'string' ? closest(error.data, SEVERITIES) : null;
      const hint = suggestion ? ` (did you mean '${suggestion}'?)` : '';
      if (rule !== undefined && at.length === 2 && typeof error.data === 'object' && error.data !== null) {
        return `${rule} takes no options: write its severity alone (error, warning, info or off)`;
      }
      const what = rule !== undefined ? ` for ${rule}` : '';
      if (error.data === null) return `${where} needs a severity: error, warning, info or off`;
      // Only a word is quoted back: the value may be anything pasted there, a secret included.
      const shown = typeof error.data === 'number' || typeof error.data === 'boolean' || (typeof error.data === 'string' && SHOWN_WORD.test(error.data)) ? JSON.stringify(error.data) : 'This';
      return `${shown} is not a severity${what}: use error, warning, info or off${hint}`;
    }
    case 'type':
      return `${where} must be ${typeName(String(params.type))}`;
    case 'minLength':
      return `${where} must not be empty`;
    case 'pattern':
      return `${where} ${PATTERN_HINTS[String(params.pattern)] ?? `must match ${String(params.pattern)}`}`;
    case 'minimum':
      return `${where} must be ${String(params.limit)} or more`;
    case 'required':
      return `${where} needs '${String(params.missingProperty)}'`;
    default:
      return `${where} ${error.message ?? 'is not valid'}`;
  }
}

const PATTERN_HINTS: Record<string, string> = {
  '^/': 'must be a path starting with /',
  '^[A-Za-z0-9]+$': 'must be one word of letters and digits',
  '^[a-z][a-z0-9-]*$': 'is not a rule id (lower-case words joined with -)',
};

function typeName(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping of keys to values';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    case 'integer':
      return 'a whole number';
    default:
      return `of type ${type}`;
  }
}

/** Reads a config file's text (YAML, or JSON for `.json`) and checks it; never throws. */
export function checkConfigText(text: string, file: string, knownRuleIds: ReadonlySet<string>): CheckedConfig {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const locate = (at: readonly (string | number)[]): Span => locateIn(document, at, text.length);
  const problems: ConfigProblem[] = document.errors.map((e) => ({
    start: e.pos[0],
    end: Math.max(e.pos[1], e.pos[0] + 1),
    message: `${file.endsWith('.json') ? 'JSON' : 'YAML'} syntax: ${yamlErrorMessage(e.message)}`,
    severity: 'error',
  }));
  if (file.endsWith('.json') && problems.length === 0) {
    const jsonError = jsonProblem(text);
    if (jsonError) problems.push(jsonError);
  }
  if (problems.length > 0) return { value: null, problems, locate };
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // An alias bomb (aliases of aliases, exponentially many values).
    return { value: null, problems: [{ start: 0, end: Math.min(1, text.length), message: `YAML: ${(error as Error).message}`, severity: 'error' }], locate };
  }
  if (value === null || value === undefined) return { value: null, problems, locate };
  for (const error of schemaErrors(value)) {
    const at = pathOf(error.instancePath);
    const span = error.keyword === 'additionalProperties' ? locateKey(document, [...at, String((error.params as { additionalProperty: string }).additionalProperty)], text.length) : locate(at);
    problems.push({ ...span, message: errorMessage(error, at), severity: 'error' });
  }
  if (problems.length === 0) problems.push(...semanticProblems(document, value as Record<string, unknown>, knownRuleIds, text.length));
  problems.sort((a, b) => a.start - b.start);
  return { value: problems.some((p) => p.severity === 'error') ? null : (value as Record<string, unknown>), problems, locate };
}

/** What the schema cannot say: rule ids that do not exist, and the older key `ignore`. */
function semanticProblems(document: Document, value: Record<string, unknown>, knownRuleIds: ReadonlySet<string>, length: number): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ids = [...knownRuleIds];
  for (const id of Object.keys((value.rules as object | undefined) ?? {})) {
    if (knownRuleIds.has(id)) continue;
    const suggestion = closest(id, ids);
    const hint = suggestion ? `: did you mean '${suggestion}'?` : ' (kubeready --help lists the rules)';
    problems.push({ ...locateKey(document, ['rules', id], length), message: `Unknown rule '${id}' in 'rules'${hint}`, severity: 'error' });
  }
  if (value.ignore !== undefined) {
    problems.push({
      ...locateKey(document, ['ignore'], length),
      message: "'ignore' is the older name of 'ignorePaths': it still works, but rename it so that completion and the docs match",
      severity: 'info',
    });
  }
  return problems;
}

/** A JSON syntax error the YAML parser accepts (a trailing comma, a comment), with its offset. */
function jsonProblem(text: string): ConfigProblem | null {
  try {
    JSON.parse(text.trim() === '' ? 'null' : text);
    return null;
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const start = at ? Math.min(Number(at[1]), Math.max(0, text.length - 1)) : 0;
    return { start, end: Math.min(start + 1, text.length), message: `JSON syntax: ${jsonErrorMessage(message)}`, severity: 'error' };
  }
}

/** The node at a key path (aliases followed), with the deepest node found on the way. */
function walk(document: Document, at: readonly (string | number)[]): { node: Node | null; found: Node | null; keyNode: Node | null } {
  let node = document.contents as Node | null;
  let found: Node | null = node;
  let keyNode: Node | null = null;
  for (const part of at) {
    if (node && isAlias(node)) node = (node.resolve(document) as Node | undefined) ?? null;
    let next: Node | null = null;
    keyNode = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
      next = (pair?.value as Node | null | undefined) ?? null;
      keyNode = (pair?.key as Node | undefined) ?? null;
      if (pair && !next) return { node: null, found: keyNode ?? found, keyNode };
    } else if (isSeq(node) && typeof part === 'number') {
      next = (node.items[part] as Node | undefined) ?? null;
    }
    if (!next) return { node: null, found, keyNode };
    node = next;
    found = next;
  }
  return { node, found, keyNode };
}

function spanOf(node: Node | null, length: number): Span {
  const range = node?.range;
  if (!range) return { start: 0, end: Math.min(1, length) };
  return { start: range[0], end: Math.max(range[1], Math.min(range[0] + 1, length)) };
}

function locateIn(document: Document, at: readonly (string | number)[], length: number): Span {
  return spanOf(walk(document, at).found, length);
}

/** The offsets of the key at the end of a path (`['rules', 'nope']` -> `nope`), or of its map. */
function locateKey(document: Document, at: readonly (string | number)[], length: number): Span {
  const { keyNode, found } = walk(document, at);
  return spanOf(keyNode ?? found, length);
}

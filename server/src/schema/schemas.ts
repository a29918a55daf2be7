/**
 * The JSON Schemas manifests are validated with:
 * - the built-in kinds: `schemas/kubernetes/validators.js`, standalone validation code that
 *   `npm run schemas` generates with ajv at build time, so that nothing is compiled at run time;
 *   the schemas themselves (`schemas/kubernetes/kubernetes.json`) are read only when a
 *   message needs them (which fields an object has);
 * - schema files named in `.kubeready.yaml` (`schemas:`), for custom resources, compiled by ajv
 *   when the configuration is read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { Options, ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { jsonErrorMessage, yamlErrorMessage } from '../parse-messages';
import type { SchemaDocument } from './walk';

/** A compiled schema and the document it came from (for field names in messages). */
export interface CompiledSchema {
  validate: ValidateFunction;
  /** The schema (read on demand for the built-in kinds). */
  source(): SchemaDocument;
  /** Says whose schema it is in messages: `Kubernetes 1.30` or the schema file's name. */
  origin: string;
  /** True for the built-in kinds, whose definitions have names such as `core.v1.Container`. */
  builtIn: boolean;
}

interface KubernetesBundle {
  $id: string;
  kubernetesVersion: string;
  kinds: Record<string, Record<string, string>>;
  definitions: Record<string, unknown>;
}

interface ValidatorsModule {
  /** apiVersion -> kind -> the name of the validator's export. */
  kinds: Record<string, Record<string, string>>;
  kubernetesVersion: string;
  [exported: string]: unknown;
}

const BUNDLE_FILE = path.join('schemas', 'kubernetes', 'kubernetes.json');
const VALIDATORS_FILE = path.join('schemas', 'kubernetes', 'validators.js');

/**
 * The ajv options of user schemas; the built-in validators are generated with the same
 * (scripts/kubernetes-schemas.js): all errors, no logging, no format checks (the API server
 * checks formats its own way).
 */
const AJV_OPTIONS: Options = { allErrors: true, strict: false, logger: false, validateFormats: false };

/** The installed file at `relative` from the package root (searched upwards from this module). */
function installedFile(relative: string): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`${relative.split(path.sep).join('/')} is missing from the installation`);
}

let bundle: KubernetesBundle | null = null;
let validators: ValidatorsModule | null = null;
const builtIn = new Map<string, CompiledSchema | null>();

function kubernetesBundle(): KubernetesBundle {
  if (!bundle) bundle = JSON.parse(fs.readFileSync(installedFile(BUNDLE_FILE), 'utf8')) as KubernetesBundle;
  return bundle;
}

function validatorsModule(): ValidatorsModule {
  if (!validators) validators = require(installedFile(VALIDATORS_FILE)) as ValidatorsModule;
  return validators;
}

/** The Kubernetes version the built-in schemas describe (`1.30`). */
export function kubernetesVersion(): string {
  return validatorsModule().kubernetesVersion;
}

/** The built-in schema of a kind, or null for kinds without one (custom resources, removed API versions). */
export function builtInSchema(apiVersion: string, kind: string): CompiledSchema | null {
  const key = `${apiVersion}\n${kind}`;
  const known = builtIn.get(key);
  if (known !== undefined) return known;
  const module = validatorsModule();
  const name = Object.prototype.hasOwnProperty.call(module.kinds, apiVersion) ? module.kinds[apiVersion][kind] : undefined;
  const validate = typeof name === 'string' && Object.prototype.hasOwnProperty.call(module.kinds[apiVersion], kind) ? module[name] : undefined;
  const compiled: CompiledSchema | null =
    typeof validate === 'function'
      ? {
          validate: validate as ValidateFunction,
          source: () => {
            const document = kubernetesBundle();
            return { document, root: { $ref: `#/definitions/${document.kinds[apiVersion][kind]}` } };
          },
          origin: `Kubernetes ${kubernetesVersion()}`,
          builtIn: true,
        }
      : null;
  builtIn.set(key, compiled);
  return compiled;
}

/** Why a user's schema file cannot be used, in plain words (the config layer adds which file). */
export class SchemaFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaFileError';
  }
}

const DRAFT_07 = 'http://json-schema.org/draft-07/schema';
const DRAFT_2019 = 'https://json-schema.org/draft/2019-09/schema';
const DRAFT_2020 = 'https://json-schema.org/draft/2020-12/schema';

type AjvClass = new (options: Options) => Ajv;

/** The ajv class for a schema's `$schema` (loaded only when used); null for drafts ajv does not read. */
function ajvFor(schema: unknown): { Class: AjvClass; strip: boolean } | null {
  const declared = schema !== null && typeof schema === 'object' ? (schema as Record<string, unknown>).$schema : undefined;
  const uri = typeof declared === 'string' ? declared.replace(/#$/, '') : undefined;
  if (uri === undefined || uri === DRAFT_07 || uri === DRAFT_07.replace('http:', 'https:')) return { Class: Ajv, strip: false };
  if (uri === DRAFT_2019) return { Class: (require('ajv/dist/2019') as { default: AjvClass }).default, strip: false };
  if (uri === DRAFT_2020) return { Class: (require('ajv/dist/2020') as { default: AjvClass }).default, strip: false };
  // `http://json-schema.org/schema` (the latest draft, as tools that convert CRDs write it): read as draft-07.
  if (uri === 'http://json-schema.org/schema' || uri === 'https://json-schema.org/schema') return { Class: Ajv, strip: true };
  return null;
}

interface CacheEntry {
  mtimeMs: number;
  size: number;
  compiled: CompiledSchema;
}

const userSchemas = new Map<string, CacheEntry>();

/**
 * Reads and compiles a user's JSON Schema file (JSON, or YAML for `.yaml`/`.yml`); cached by
 * path until the file changes. Throws `SchemaFileError` with a plain message when the file
 * cannot be read, parsed or compiled.
 */
export function loadSchemaFile(file: string): CompiledSchema {
  let stat: fs.Stats;
  let text: string;
  try {
    stat = fs.statSync(file);
    const cached = userSchemas.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.compiled;
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new SchemaFileError(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const compiled = compileSchemaText(text, file);
  userSchemas.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, compiled });
  return compiled;
}

/** Parses and compiles a schema file's text (see `loadSchemaFile`). */
export function compileSchemaText(text: string, file: string): CompiledSchema {
  let schema: unknown;
  try {
    schema = /\.ya?ml$/i.test(file) ? parseYaml(text, { prettyErrors: false }) : JSON.parse(text);
  } catch (error) {
    const yaml = /\.ya?ml$/i.test(file);
    throw new SchemaFileError(`is not valid ${yaml ? 'YAML' : 'JSON'}: ${(yaml ? yamlErrorMessage : jsonErrorMessage)((error as Error).message)}`);
  }
  if (typeof schema !== 'boolean' && (schema === null || typeof schema !== 'object' || Array.isArray(schema))) {
    throw new SchemaFileError('is not a JSON Schema (an object)');
  }
  const flavour = ajvFor(schema);
  if (!flavour) {
    const declared = String((schema as Record<string, unknown>).$schema);
    throw new SchemaFileError(`uses ${declared}, which Kube Ready cannot read: use JSON Schema draft-07, 2019-09 or 2020-12`);
  }
  const usable = flavour.strip ? withoutSchemaKeyword(schema as Record<string, unknown>) : schema;
  let validate: ValidateFunction;
  try {
    validate = new flavour.Class(AJV_OPTIONS).compile(usable as object);
  } catch (error) {
    throw new SchemaFileError(`is not a valid JSON Schema: ${(error as Error).message.split('\n')[0]}`);
  }
  const source: SchemaDocument = { document: usable, root: usable };
  return { validate, source: () => source, origin: path.basename(file), builtIn: false };
}

function withoutSchemaKeyword(schema: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...schema };
  delete copy.$schema;
  return copy;
}

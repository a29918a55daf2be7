/**
 * Schema validation of a file's manifests: each object of a built-in kind against the
 * Kubernetes schema of its apiVersion and kind, and against the user schemas that match it.
 * Objects of unknown kinds (custom resources without a user schema, removed API versions) get
 * no findings here.
 */
import * as path from 'node:path';
import { globToRegExp } from '../config/config';
import type { KubeFile, Manifest } from '../kubernetes/model';
import { toApiValue } from './api-value';
import type { ApiValue } from './api-value';
import { validateWith } from './problems';
import type { SchemaProblem } from './problems';
import { builtInSchema } from './schemas';
import type { CompiledSchema } from './schemas';
import type { UserSchema } from './user-schemas';

export interface ValidationOptions {
  /** The file's path, for `files:` mappings (relative paths are taken from the working folder). */
  path: string | undefined;
  isPatch: boolean;
  userSchemas: readonly UserSchema[];
}

/** Every schema problem of every manifest in a file, in document order. */
export function schemaProblems(file: KubeFile, options: ValidationOptions): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const manifest of file.manifests) {
    const schemas = schemasFor(manifest, options);
    if (schemas.length === 0) continue;
    const api = apiValueOf(manifest);
    for (const schema of schemas) problems.push(...validateWith(schema, { manifest, text: file.text, isPatch: options.isPatch }, api));
  }
  return problems;
}

/**
 * The value of each manifest node, kept while the node lives: a document the YAML cache reuses
 * unchanged (see `YamlDocumentCache`) keeps its nodes, so its value is not built again. Nodes are
 * never changed once read, and validation does not change the value.
 */
const apiValues = new WeakMap<object, ApiValue>();

function apiValueOf(manifest: Manifest): ApiValue {
  let api = apiValues.get(manifest.node);
  if (!api) apiValues.set(manifest.node, (api = toApiValue(manifest.node, manifest.document.doc)));
  return api;
}

function schemasFor(manifest: Manifest, options: ValidationOptions): CompiledSchema[] {
  const schemas: CompiledSchema[] = [];
  const builtIn = builtInSchema(manifest.apiVersion.value, manifest.kind.value);
  if (builtIn) schemas.push(builtIn);
  for (const user of options.userSchemas) {
    if (appliesTo(user, manifest, options.path) && !schemas.includes(user.compiled)) schemas.push(user.compiled);
  }
  return schemas;
}

/**
 * True when a user schema applies to a manifest: the same apiVersion and kind, or a file that
 * the `files` glob matches (every object in it except List envelopes).
 */
export function appliesTo(schema: UserSchema, manifest: Manifest, file: string | undefined): boolean {
  const mapping = schema.mapping;
  if ('apiVersion' in mapping) return manifest.apiVersion.value === mapping.apiVersion && manifest.kind.value === mapping.kind;
  if (!file || manifest.kind.value === 'List' || manifest.kind.value.endsWith('List')) return false;
  const relative = path.relative(schema.dir, path.resolve(file)).split(path.sep).join('/');
  return !relative.startsWith('../') && globToRegExp(mapping.files).test(relative);
}

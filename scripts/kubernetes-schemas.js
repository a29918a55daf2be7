#!/usr/bin/env node
/**
 * Generates the JSON Schemas of the built-in Kubernetes kinds that the `schema` rule validates
 * manifests with (run `npm run schemas`; the output is committed, and
 * test/schema/generated.test.ts fails when it is stale):
 * - `schemas/kubernetes/kubernetes.json`: the schemas, one definition per Kubernetes type, and
 *   `kinds`, which maps each apiVersion and kind to its definition;
 * - `schemas/kubernetes/validators.js`: the same schemas compiled by ajv into standalone
 *   validation code (`ajv/dist/standalone`), so that the language server starts without
 *   compiling anything; it exports one function per kind, `kinds` (apiVersion -> kind ->
 *   export name) and `kubernetesVersion`.
 *
 * Source: the TypeScript definitions of the `kubernetes-types` package (generated from the
 * Kubernetes OpenAPI spec, doc comments and required fields kept), turned into JSON Schema
 * (draft-07) by `ts-json-schema-generator`. Both are exact-version devDependencies; the
 * Kubernetes version is `kubernetes-types`' major.minor and is recorded in the output.
 *
 * What TypeScript cannot say and this script adds (each step fails loudly when the upstream
 * types change so that it no longer applies):
 * - Integers. TypeScript has only `number`; the OpenAPI spec marks every number field of these
 *   kinds as `integer` (int32/int64) except `JSONSchemaProps.maximum`, `minimum` and `multipleOf`
 *   (float64), as the API conventions forbid floats. So every `number` becomes `integer` except
 *   those three (`FLOAT_FIELDS`). IntOrString (`number | string`) thus becomes `integer | string`.
 * - `Quantity` (typed `string`) also takes YAML numbers (`cpu: 1`) and, as a string, must match
 *   the quantity syntax the API server parses (`512Mi`, `0.5`, `100m`, `1e3`).
 * - Types Go reads as "any JSON" (`JSON`, `FieldsV1`) accept anything, and the
 *   `x-kubernetes-*` fields of `JSONSchemaProps`, which `kubernetes-types` leaves out, are added.
 * - `status` is written by the cluster (`kubectl get -o yaml` output, `status: {}` from
 *   `kubectl create --dry-run`), possibly by a newer version: any map is accepted there.
 * - Enumerations that the API server's validation enforces (`ENUMS`). The empty string is also
 *   accepted, since the API server treats `""` as "not set" for these fields.
 * - Fields that `kubernetes-types` leaves out are added (`ADDED_PROPERTIES`), and fields marked
 *   required that the API server defaults or does not check are optional (`NOT_REQUIRED`).
 * - Unions of an object and another JSON type (`JSONSchemaProps | boolean`) become one schema
 *   with both types, since object keywords apply only to objects: a mistake inside such a
 *   value is then reported as itself, not as "matches no branch".
 * - Descriptions are dropped: the rule writes its own messages, and the file stays small.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createFormatter, createParser, createProgram, SchemaGenerator, ts } = require('ts-json-schema-generator');
const Ajv = require('ajv').default;
const standaloneCode = require('ajv/dist/standalone').default;

const ROOT = path.resolve(__dirname, '..');
const OUTPUT_DIR = path.join(ROOT, 'schemas', 'kubernetes');
const SCHEMA_FILE = 'kubernetes.json';
const VALIDATORS_FILE = 'validators.js';

/**
 * The ajv options the validators are compiled with; the `schema` rule reads their errors
 * (server/src/schema/schemas.ts compiles user schemas with the same, but `code`).
 */
const AJV_OPTIONS = { allErrors: true, strict: false, logger: false, validateFormats: false, inlineRefs: false, code: { source: true } };
const TYPES_DIR = path.dirname(require.resolve('kubernetes-types/package.json'));

/** The kinds to generate, by `kubernetes-types` module (`<group>/<version>` as folder/file). */
const KINDS = {
  'core/v1': [
    'Pod',
    'PodTemplate',
    'ReplicationController',
    'Service',
    'Endpoints',
    'ConfigMap',
    'Secret',
    'PersistentVolumeClaim',
    'PersistentVolume',
    'Namespace',
    'ServiceAccount',
    'LimitRange',
    'ResourceQuota',
  ],
  'apps/v1': ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'],
  'batch/v1': ['Job', 'CronJob'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'networking/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'policy/v1': ['PodDisruptionBudget'],
  'rbac/v1': ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
  'storage/v1': ['StorageClass', 'CSIDriver'],
  'scheduling/v1': ['PriorityClass'],
  'node/v1': ['RuntimeClass'],
  'discovery/v1': ['EndpointSlice'],
  'coordination/v1': ['Lease'],
  'admissionregistration/v1': [
    'MutatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
  ],
  'apiextensions/v1': ['CustomResourceDefinition'],
};

/** Types generated although no kind refers to them (the `x-kubernetes-*` fields below do). */
const EXTRA_TYPES = { 'apiextensions/v1': ['ValidationRule'] };

/** The only floating-point fields (OpenAPI `format: double`); every other number is an integer. */
const FLOAT_FIELDS = { 'apiextensions.v1.JSONSchemaProps': ['maximum', 'minimum', 'multipleOf'] };

/** What a `Quantity` string must look like: a signed decimal number and an optional suffix or exponent. */
const QUANTITY_PATTERN = '^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$';

/** Definitions replaced outright. */
const REPLACED = {
  'api.resource.Quantity': { type: ['string', 'number'], pattern: QUANTITY_PATTERN },
  'apiextensions.v1.JSON': {},
  'meta.v1.FieldsV1': { type: 'object' },
};

/** Go structs without fields: they accept only `{}`, as the generated schema says. */
const EMPTY_STRUCTS = ['apiextensions.v1.CustomResourceSubresourceStatus'];

/**
 * Fields of the OpenAPI spec that `kubernetes-types` leaves out: the `x-kubernetes-*` fields
 * (their names are not identifiers), and `resources` and `scope` of the admission rules (fields
 * of the Go struct `Rule` they embed). Found by comparing every generated definition's fields
 * with the OpenAPI-generated types of the `kubernetes-models` package (Kubernetes 1.33): these
 * were the only fields missing that Kubernetes 1.30 has.
 */
const ADDED_PROPERTIES = {
  'admissionregistration.v1.RuleWithOperations': {
    resources: { type: 'array', items: { type: 'string' } },
    scope: { type: 'string' },
  },
  'admissionregistration.v1.NamedRuleWithOperations': {
    resources: { type: 'array', items: { type: 'string' } },
    scope: { type: 'string' },
  },
  'apiextensions.v1.JSONSchemaProps': {
    'x-kubernetes-embedded-resource': { type: 'boolean' },
    'x-kubernetes-int-or-string': { type: 'boolean' },
    'x-kubernetes-list-map-keys': { type: 'array', items: { type: 'string' } },
    'x-kubernetes-list-type': { type: 'string' },
    'x-kubernetes-map-type': { type: 'string' },
    'x-kubernetes-preserve-unknown-fields': { type: 'boolean' },
    'x-kubernetes-validations': { type: 'array', items: { $ref: '#/definitions/apiextensions.v1.ValidationRule' } },
  },
};

/**
 * Fields the OpenAPI spec marks required that the API server does not insist on: it defaults
 * them (`roleRef.apiGroup`, a pod-condition pattern's `status`, a resize policy's
 * `restartPolicy`) or accepts them left out (`serviceName` of a StatefulSet, `podSelector` of a
 * NetworkPolicy, which then selects every pod, `endpoints` of an EndpointSlice, a header's
 * `value`, a PriorityClass's `value`, a CRD version's `served`, which are then empty or zero).
 */
const NOT_REQUIRED = {
  'apps.v1.StatefulSetSpec': ['serviceName'],
  'networking.v1.NetworkPolicySpec': ['podSelector'],
  'rbac.v1.RoleRef': ['apiGroup'],
  'batch.v1.PodFailurePolicyOnPodConditionsPattern': ['status'],
  'core.v1.ContainerResizePolicy': ['restartPolicy'],
  'discovery.v1.EndpointSlice': ['endpoints'],
  'core.v1.HTTPHeader': ['value'],
  'scheduling.v1.PriorityClass': ['value'],
  'apiextensions.v1.CustomResourceDefinitionVersion': ['served'],
};

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const PROFILE_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'];

/**
 * Values the API server's validation accepts, by definition and field (for array fields, the
 * items). Only fields whose validation rejects anything else (`Unsupported value`) are listed;
 * they agree with the enumerations of the OpenAPI spec where it has them (`kubernetes-models`).
 */
const ENUMS = {
  'core.v1.ServiceSpec': {
    type: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
    externalTrafficPolicy: ['Cluster', 'Local'],
    internalTrafficPolicy: ['Cluster', 'Local'],
    sessionAffinity: ['ClientIP', 'None'],
    ipFamilyPolicy: ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
    ipFamilies: ['IPv4', 'IPv6'],
  },
  'core.v1.Container': {
    imagePullPolicy: ['Always', 'IfNotPresent', 'Never'],
    restartPolicy: ['Always'],
    terminationMessagePolicy: ['File', 'FallbackToLogsOnError'],
  },
  'core.v1.EphemeralContainer': {
    imagePullPolicy: ['Always', 'IfNotPresent', 'Never'],
    terminationMessagePolicy: ['File', 'FallbackToLogsOnError'],
  },
  'core.v1.PodSpec': {
    restartPolicy: ['Always', 'OnFailure', 'Never'],
    dnsPolicy: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
    preemptionPolicy: ['PreemptLowerPriority', 'Never'],
  },
  'core.v1.PodSecurityContext': { fsGroupChangePolicy: ['OnRootMismatch', 'Always'] },
  'core.v1.SeccompProfile': { type: PROFILE_TYPES },
  'core.v1.AppArmorProfile': { type: PROFILE_TYPES },
  'core.v1.PodOS': { name: ['linux', 'windows'] },
  'core.v1.ContainerPort': { protocol: PROTOCOLS },
  'core.v1.ServicePort': { protocol: PROTOCOLS },
  'core.v1.EndpointPort': { protocol: PROTOCOLS },
  'discovery.v1.EndpointPort': { protocol: PROTOCOLS },
  'networking.v1.NetworkPolicyPort': { protocol: PROTOCOLS },
  'networking.v1.NetworkPolicySpec': { policyTypes: ['Ingress', 'Egress'] },
  'networking.v1.HTTPIngressPath': { pathType: ['Exact', 'Prefix', 'ImplementationSpecific'] },
  'core.v1.HTTPGetAction': { scheme: ['HTTP', 'HTTPS'] },
  'core.v1.VolumeMount': { mountPropagation: ['None', 'HostToContainer', 'Bidirectional'] },
  'core.v1.ContainerResizePolicy': { restartPolicy: ['NotRequired', 'RestartContainer'] },
  'core.v1.Toleration': { operator: ['Exists', 'Equal'], effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  'core.v1.HostPathVolumeSource': { type: ['DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'] },
  'core.v1.SecurityContext': { procMount: ['Default', 'Unmasked'] },
  'core.v1.NodeSelectorRequirement': { operator: [...SELECTOR_OPERATORS, 'Gt', 'Lt'] },
  'meta.v1.LabelSelectorRequirement': { operator: SELECTOR_OPERATORS },
  'core.v1.TopologySpreadConstraint': {
    whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'],
    nodeAffinityPolicy: ['Honor', 'Ignore'],
    nodeTaintsPolicy: ['Honor', 'Ignore'],
  },
  'core.v1.PersistentVolumeClaimSpec': { accessModes: ACCESS_MODES, volumeMode: ['Block', 'Filesystem'] },
  'core.v1.PersistentVolumeSpec': {
    accessModes: ACCESS_MODES,
    volumeMode: ['Block', 'Filesystem'],
    persistentVolumeReclaimPolicy: ['Retain', 'Delete', 'Recycle'],
  },
  'storage.v1.StorageClass': { reclaimPolicy: ['Retain', 'Delete'], volumeBindingMode: ['Immediate', 'WaitForFirstConsumer'] },
  'core.v1.ScopedResourceSelectorRequirement': { operator: SELECTOR_OPERATORS },
  'apps.v1.DeploymentStrategy': { type: ['Recreate', 'RollingUpdate'] },
  'apps.v1.StatefulSetUpdateStrategy': { type: ['RollingUpdate', 'OnDelete'] },
  'apps.v1.DaemonSetUpdateStrategy': { type: ['RollingUpdate', 'OnDelete'] },
  'apps.v1.StatefulSetSpec': { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  'apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy': { whenDeleted: ['Retain', 'Delete'], whenScaled: ['Retain', 'Delete'] },
  'batch.v1.CronJobSpec': { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  'batch.v1.JobSpec': { completionMode: ['NonIndexed', 'Indexed'], podReplacementPolicy: ['TerminatingOrFailed', 'Failed'] },
  'batch.v1.PodFailurePolicyRule': { action: ['FailJob', 'FailIndex', 'Ignore', 'Count'] },
  'batch.v1.PodFailurePolicyOnExitCodesRequirement': { operator: ['In', 'NotIn'] },
  'admissionregistration.v1.MutatingWebhook': {
    failurePolicy: ['Ignore', 'Fail'],
    matchPolicy: ['Exact', 'Equivalent'],
    sideEffects: ['None', 'NoneOnDryRun', 'Some', 'Unknown'],
    reinvocationPolicy: ['Never', 'IfNeeded'],
  },
  'admissionregistration.v1.ValidatingWebhook': {
    failurePolicy: ['Ignore', 'Fail'],
    matchPolicy: ['Exact', 'Equivalent'],
    sideEffects: ['None', 'NoneOnDryRun', 'Some', 'Unknown'],
  },
  'admissionregistration.v1.ValidatingAdmissionPolicySpec': { failurePolicy: ['Ignore', 'Fail'] },
  'autoscaling.v2.MetricSpec': { type: ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'] },
  'autoscaling.v2.MetricTarget': { type: ['Utilization', 'Value', 'AverageValue'] },
  'autoscaling.v2.HPAScalingPolicy': { type: ['Pods', 'Percent'] },
  'autoscaling.v2.HPAScalingRules': { selectPolicy: ['Max', 'Min', 'Disabled'] },
  'policy.v1.PodDisruptionBudgetSpec': { unhealthyPodEvictionPolicy: ['IfHealthyBudget', 'AlwaysAllow'] },
  'rbac.v1.Subject': { kind: ['User', 'Group', 'ServiceAccount'] },
  'rbac.v1.RoleRef': { kind: ['Role', 'ClusterRole'] },
};

/** `core/v1.d.ts` -> `core.v1`: the prefix of the definitions a module declares. */
function moduleName(file) {
  return path.relative(TYPES_DIR, file).replace(/\.d\.ts$/, '').split(path.sep).join('.');
}

/** The names a `.d.ts` file exports and the files its imports come from. */
function moduleFacts(sourceFile) {
  const exports = new Set();
  const imports = [];
  for (const statement of sourceFile.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      exports.add(statement.name.text);
    } else if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const target = path.resolve(path.dirname(sourceFile.fileName), `${statement.moduleSpecifier.text}.d.ts`);
      imports.push(target);
    }
  }
  return { exports, imports };
}

/** Every module among `file` and the modules it imports, directly or not, that declares `name`. */
function declaringModules(program, file, name, cache) {
  const seen = new Set();
  const declaring = [];
  const visit = (current) => {
    if (seen.has(current)) return;
    seen.add(current);
    let facts = cache.get(current);
    if (!facts) {
      const sourceFile = program.getSourceFile(current);
      if (!sourceFile) throw new Error(`${current} is not part of the program`);
      facts = moduleFacts(sourceFile);
      cache.set(current, facts);
    }
    if (facts.exports.has(name)) declaring.push(current);
    facts.imports.forEach(visit);
  };
  visit(file);
  return declaring;
}

/**
 * The qualified name (`core.v1.Container`) of the type named `name` that a schema generated from
 * `file` holds as `generated`: the module among `file` and its imports that declares it. When
 * several do (`EndpointPort` in discovery/v1 and core/v1), the one whose own schema is the same.
 */
function qualify(context, file, name, generated) {
  const declaring = declaringModules(context.program, file, name, context.modules);
  const matching =
    declaring.length === 1
      ? declaring
      : declaring.filter((candidate) => JSON.stringify(rootSchema(context, candidate, name)) === JSON.stringify(generated));
  if (matching.length !== 1) throw new Error(`${name} seen from ${moduleName(file)}: ${matching.length} matching declarations`);
  return `${moduleName(matching[0])}.${name}`;
}

/** The schema of one type, its references left as generated (`#/definitions/<name>`). */
function rootSchema(context, file, name) {
  const { definitions: _definitions, $schema: _schema, ...root } = context.generator.createSchemaFromNodes([declaration(context.program, file, name)]);
  return root;
}

/** The exported interface `name` of a module, for the generator. */
function declaration(program, file, name) {
  const found = program.getSourceFile(file)?.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!found) throw new Error(`${moduleName(file)} declares no interface ${name}`);
  return found;
}

/** Rewrites a generated schema's `$ref`s to qualified names and drops descriptions. */
function rewrite(schema, rename) {
  if (Array.isArray(schema)) return schema.map((item) => rewrite(item, rename));
  if (!schema || typeof schema !== 'object') return schema;
  const result = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' && typeof value === 'string') continue;
    if (key === '$ref' && typeof value === 'string') {
      result.$ref = `#/definitions/${rename(decodeURIComponent(value.replace('#/definitions/', '')))}`;
    } else if (key === 'properties' || key === 'definitions') {
      result[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, rewrite(sub, rename)]));
    } else {
      result[key] = rewrite(value, rename);
    }
  }
  return result;
}

/** Turns `number` into `integer` in a schema (see the module comment), except in `floats`. */
function integers(schema, floats) {
  if (Array.isArray(schema)) return schema.map((item) => integers(item, floats));
  if (!schema || typeof schema !== 'object') return schema;
  const result = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type') result.type = Array.isArray(value) ? value.map(toInteger) : toInteger(value);
    else if (key === 'properties') {
      result.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, floats.includes(name) ? sub : integers(sub, [])]));
    } else result[key] = integers(value, []);
  }
  return result;
}

function toInteger(type) {
  return type === 'number' ? 'integer' : type;
}

/** Generates the definitions of every kind: `{ kinds: { apiVersion: { kind: name } }, definitions }`. */
function generateDefinitions() {
  const config = { path: `${TYPES_DIR}/{${Object.keys(KINDS).join(',')}}.d.ts`, expose: 'export', topRef: false, jsDoc: 'extended', skipTypeCheck: true, additionalProperties: false };
  const program = createProgram(config);
  const generator = new SchemaGenerator(program, createParser(program, config), createFormatter(config), config);
  const context = { program, generator, modules: new Map() };
  const definitions = {};
  const kinds = {};
  const add = (qualified, schema) => {
    const previous = definitions[qualified];
    if (previous && JSON.stringify(previous) !== JSON.stringify(schema)) throw new Error(`${qualified} generated twice, differently`);
    definitions[qualified] = schema;
  };
  for (const [module, names] of Object.entries(KINDS)) {
    const file = path.join(TYPES_DIR, `${module}.d.ts`);
    for (const name of [...names, ...(EXTRA_TYPES[module] ?? [])]) {
      const { definitions: children = {}, $schema: _schema, ...root } = generator.createSchemaFromNodes([declaration(program, file, name)]);
      const names = new Map([[name, qualify(context, file, name, root)]]);
      for (const [child, schema] of Object.entries(children)) names.set(child, qualify(context, file, child, schema));
      const rename = (ref) => {
        const qualified = names.get(ref);
        if (!qualified) throw new Error(`${name}: reference to ${ref}, which was not generated`);
        return qualified;
      };
      add(names.get(name), rewrite(root, rename));
      for (const [child, schema] of Object.entries(children)) add(names.get(child), rewrite(schema, rename));
      if (!KINDS[module].includes(name)) continue;
      const apiVersion = root.properties?.apiVersion?.const;
      const kind = root.properties?.kind?.const;
      if (typeof apiVersion !== 'string' || kind !== name) throw new Error(`${names.get(name)} has no apiVersion/kind constants`);
      kinds[apiVersion] = { ...kinds[apiVersion], [kind]: names.get(name) };
    }
  }
  return { kinds, definitions };
}

/** Applies the changes the module comment lists. Throws when one no longer applies. */
function adjust({ kinds, definitions }) {
  const result = {};
  for (const [name, schema] of Object.entries(definitions)) result[name] = integers(schema, FLOAT_FIELDS[name] ?? []);
  for (const [name, replacement] of Object.entries(REPLACED)) {
    if (!result[name]) throw new Error(`REPLACED: no definition ${name}`);
    result[name] = replacement;
  }
  for (const [name, added] of Object.entries(ADDED_PROPERTIES)) {
    const properties = result[name]?.properties;
    if (!properties) throw new Error(`ADDED_PROPERTIES: no definition ${name}`);
    for (const [field, schema] of Object.entries(added)) {
      if (properties[field]) throw new Error(`ADDED_PROPERTIES: ${name}.${field} exists already`);
      properties[field] = schema;
    }
  }
  for (const [name, fields] of Object.entries(NOT_REQUIRED)) {
    const required = result[name]?.required;
    for (const field of fields) {
      if (!required?.includes(field)) throw new Error(`NOT_REQUIRED: ${name}.${field} is not required`);
    }
    const kept = required.filter((field) => !fields.includes(field));
    if (kept.length > 0) result[name].required = kept;
    else delete result[name].required;
  }
  for (const [name, fields] of Object.entries(ENUMS)) {
    for (const [field, values] of Object.entries(fields)) {
      const property = result[name]?.properties?.[field];
      const target = property?.type === 'array' ? property.items : property;
      if (target?.type !== 'string') throw new Error(`ENUMS: ${name}.${field} is not a string field`);
      target.enum = ['', ...values];
    }
  }
  for (const [name, schema] of Object.entries(result)) {
    if (Array.isArray(schema.anyOf)) result[name] = flattenUnion(name, schema, result);
  }
  for (const versions of Object.values(kinds)) {
    for (const name of Object.values(versions)) {
      const properties = result[name].properties;
      if (properties.status) properties.status = { type: 'object' };
    }
  }
  for (const [name, schema] of Object.entries(result)) {
    const empty = schema.type === 'object' && schema.additionalProperties === false && Object.keys(schema.properties ?? {}).length === 0;
    if (empty && !EMPTY_STRUCTS.includes(name)) {
      throw new Error(`${name} is an object without fields: decide what it accepts (REPLACED or EMPTY_STRUCTS)`);
    }
  }
  return { kinds, definitions: sortKeys(result) };
}

/** JSON Schema's type of a schema (a `$ref` followed), as an array. */
function typesOf(schema, definitions) {
  const target = schema.$ref ? definitions[schema.$ref.replace('#/definitions/', '')] : schema;
  if (!target?.type) return null;
  return Array.isArray(target.type) ? target.type : [target.type];
}

/** `{ anyOf: [object, other] }` -> one schema with both types and the keywords of each (see the module comment). */
function flattenUnion(name, schema, definitions) {
  const { anyOf, ...rest } = schema;
  if (Object.keys(rest).length > 0) throw new Error(`${name}: a union with other keywords`);
  const merged = { type: [] };
  for (const branch of anyOf) {
    const types = typesOf(branch, definitions);
    if (!types || types.some((type) => merged.type.includes(type))) throw new Error(`${name}: union branches without distinct types`);
    const { type: _type, ...keywords } = branch.$ref ? definitions[branch.$ref.replace('#/definitions/', '')] : branch;
    for (const [keyword, value] of Object.entries(keywords)) {
      if (keyword in merged) throw new Error(`${name}: union branches share the keyword ${keyword}`);
      merged[keyword] = value;
    }
    merged.type.push(...types);
  }
  return merged;
}

function sortKeys(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The Kubernetes version the schemas describe: `kubernetes-types`' major.minor. */
function kubernetesVersion() {
  const { version } = JSON.parse(fs.readFileSync(path.join(TYPES_DIR, 'package.json'), 'utf8'));
  return version.split('.').slice(0, 2).join('.');
}

function packageVersion(name) {
  return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

/** The export name of a kind's validator: `apps/v1` `Deployment` -> `apps_v1_Deployment`. */
function exportName(apiVersion, kind) {
  return `${apiVersion}/${kind}`.replace(/[^A-Za-z0-9]/g, '_');
}

/** Standalone validation code for every kind of the bundle (see the module comment). */
function validatorsCode(bundle) {
  const ajv = new Ajv(AJV_OPTIONS);
  ajv.addSchema(bundle);
  const exports = {};
  const kinds = {};
  for (const [apiVersion, byKind] of Object.entries(bundle.kinds)) {
    kinds[apiVersion] = {};
    for (const [kind, definition] of Object.entries(byKind)) {
      const name = exportName(apiVersion, kind);
      if (exports[name]) throw new Error(`two kinds export ${name}`);
      exports[name] = `${bundle.$id}#/definitions/${definition}`;
      kinds[apiVersion][kind] = name;
    }
  }
  const header = `// Generated by scripts/kubernetes-schemas.js (npm run schemas) from ${SCHEMA_FILE}: do not edit.\n`;
  const index = `exports.kinds = ${JSON.stringify(kinds)};\nexports.kubernetesVersion = ${JSON.stringify(bundle.kubernetesVersion)};\n`;
  return `${header}${standaloneCode(ajv, exports)}\n${index}`;
}

/** The generated files, by name (relative to `schemas/kubernetes/`). */
function generate() {
  const { kinds, definitions } = adjust(generateDefinitions());
  const bundle = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'kubeready:kubernetes',
    title: `Kubernetes ${kubernetesVersion()} built-in kinds`,
    kubernetesVersion: kubernetesVersion(),
    generatedFrom: `kubernetes-types ${packageVersion('kubernetes-types')} with ts-json-schema-generator ${packageVersion('ts-json-schema-generator')} by scripts/kubernetes-schemas.js (npm run schemas)`,
    kinds: sortKeys(Object.fromEntries(Object.entries(kinds).map(([apiVersion, byKind]) => [apiVersion, sortKeys(byKind)]))),
    definitions,
  };
  return { [SCHEMA_FILE]: `${JSON.stringify(bundle, null, 1)}\n`, [VALIDATORS_FILE]: validatorsCode(bundle) };
}

/** Writes the generated files into `dir` (default `schemas/kubernetes/`). */
function writeSchemas(dir = OUTPUT_DIR) {
  fs.mkdirSync(dir, { recursive: true });
  const files = generate();
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return Object.keys(files).map((name) => path.join(dir, name));
}

module.exports = { generate, writeSchemas, OUTPUT_DIR };

if (require.main === module) {
  for (const file of writeSchemas(process.argv[2] ? path.resolve(process.argv[2]) : OUTPUT_DIR)) {
    console.log(`wrote ${path.relative(process.cwd(), file)} (${fs.statSync(file).size} bytes)`);
  }
}

/**
 * The Kubernetes model: multi-document YAML read with the `yaml` package, the manifests in it
 * (List items included), their pod specs and containers, each with exact source spans.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import { MAX_YAML_DEPTH } from '../limits';
import { yamlErrorMessage } from '../parse-messages';
import type { Span } from '../text';
import { nestsDeeperThan } from './depth';
import { readYamlDocuments } from './kubectl-yaml';
import type { YamlDocumentCache } from './kubectl-yaml';
import { asMap, asSeq, getIn, getMap, getSeq, getString, mapEntries, mapGet, nodeSpan, resolve, stringValue } from './nodes';
import type { StringValue } from './nodes';

export type YamlMap = YAMLMap<unknown, unknown>;

export interface KubeDocument {
  index: number;
  doc: Document.Parsed;
  /** From the document's first content to the end of its last node. */
  range: Span;
  /** True when the `yaml` parser reported errors for this document. */
  broken: boolean;
}

export interface Manifest {
  document: KubeDocument;
  node: YamlMap;
  range: Span;
  apiVersion: StringValue;
  kind: StringValue;
  /** API group: `''` for the core group (`v1`), `apps` for `apps/v1`. */
  group: string;
  metadata: YamlMap | null;
  name: StringValue | null;
  namespace: string | null;
  labels: ReadonlyMap<string, StringValue>;
  annotations: ReadonlyMap<string, StringValue>;
  /** The `kind: List` manifest this one is an item of. */
  list: Manifest | null;
  podSpec: PodSpec | null;
}

export type WorkloadKind =
  | 'Pod'
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'ReplicaSet'
  | 'ReplicationController'
  | 'Job'
  | 'CronJob'
  | 'PodTemplate';

export interface PodSpec {
  manifest: Manifest;
  node: YamlMap;
  /** Keys from the manifest root down to the pod spec, e.g. `spec.template.spec`. */
  path: readonly string[];
  /** The pod template's (or Pod's) metadata, for its labels. */
  metadata: YamlMap | null;
  restartPolicy: StringValue | null;
  containers: Container[];
}

export type ContainerKind = 'container' | 'initContainer' | 'ephemeralContainer';

export interface ContainerPort {
  node: YamlMap;
  name: StringValue | null;
  containerPort: number | null;
  containerPortValue: StringValue | null;
  /** `TCP` (the default), `UDP` or `SCTP`. */
  protocol: StringValue | null;
  /** The application protocol, when declared: `http`, `kubernetes.io/h2c`, `mysql`… */
  appProtocol: StringValue | null;
}

export interface EnvVar {
  node: YamlMap;
  name: StringValue | null;
  /** The literal `value`, when given as a scalar. */
  value: StringValue | null;
  /** The `valueFrom` node, when present. */
  valueFrom: unknown;
}

export interface Container {
  podSpec: PodSpec;
  node: YamlMap;
  range: Span;
  kind: ContainerKind;
  index: number;
  name: StringValue | null;
  image: StringValue | null;
  /** An init container with `restartPolicy: Always` is a sidecar: it runs as long as the pod. */
  restartPolicy: StringValue | null;
  ports: ContainerPort[];
  env: EnvVar[];
}

export interface YamlSyntaxError extends Span {
  message: string;
}

export interface KubeFile {
  text: string;
  documents: KubeDocument[];
  /** Every manifest in document order, List items after their List. */
  manifests: Manifest[];
  /** Syntax errors of documents that are (or look like) Kubernetes manifests. */
  errors: YamlSyntaxError[];
  /** Set when the file is a template (Helm, Jinja) rather than YAML, and is not checked. */
  skipped: string | null;
  /**
   * The first tool configuration object in the file (`Kustomization (kustomize.config.k8s.io)`):
   * it has `apiVersion` and `kind` but is read by a tool, never sent to the cluster.
   */
  toolConfig: string | null;
}

/** Kinds with a pod spec, and where it is. */
const POD_SPEC_PATHS: Record<WorkloadKind, readonly string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

/** The API groups the built-in workload kinds live in; a custom resource of the same kind is not one of them. */
const WORKLOAD_GROUPS = new Set(['', 'apps', 'extensions', 'batch']);

/** Groups whose objects are tool configuration, not cluster objects. */
const CONFIG_GROUPS = new Set(['kustomize.config.k8s.io', 'config.kubernetes.io']);

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, kind);
}

const TEMPLATE_MARKERS = /\{\{|\{%/;

/** True for a path inside a Helm chart's `templates/` folder. */
export function isHelmTemplatePath(path: string | undefined): boolean {
  return !!path && /(^|[\\/])templates[\\/]/.test(path);
}

/**
 * Reads a YAML file. Never throws: broken documents become `errors` (when they look like
 * manifests) and the other documents are still read. With a cache (one per open document), only
 * the documents that changed since the last call are read again.
 */
export function parseKubernetes(text: string, path?: string, cache?: YamlDocumentCache): KubeFile {
  const file: KubeFile = { text, documents: [], manifests: [], errors: [], skipped: null, toolConfig: null };
  if (TEMPLATE_MARKERS.test(text) && isHelmTemplatePath(path)) {
    file.skipped = 'a Helm chart template: its YAML exists only after rendering';
    return file;
  }
  if (nestsDeeperThan(text, MAX_YAML_DEPTH)) {
    file.skipped = `nested more than ${MAX_YAML_DEPTH} levels deep, which no manifest needs and which the YAML reader cannot follow safely`;
    return file;
  }
  const docs = readYamlDocuments(text, cache);
  const brokenTexts: { doc: KubeDocument; errors: YamlSyntaxError[] }[] = [];
  docs.forEach((doc, index) => {
    const range = doc.range ? { start: doc.range[0], end: doc.range[2] } : { start: 0, end: text.length };
    const kubeDoc: KubeDocument = { index, doc, range, broken: doc.errors.length > 0 };
    file.documents.push(kubeDoc);
    // A broken document gets its first error (later ones are mostly echoes of it) and no
    // other findings: rules would read a half-parsed object.
    if (kubeDoc.broken) brokenTexts.push({ doc: kubeDoc, errors: [toSyntaxError(doc.errors[0], text, doc)] });
    else collectManifests(file, kubeDoc, resolve(doc.contents, doc), null, new Set());
  });
  if (TEMPLATE_MARKERS.test(text) && (brokenTexts.length > 0 || docs.some((doc) => hasTemplateNode(doc.contents, 0)))) {
    file.skipped = 'a template ({{ … }}): its YAML exists only after rendering';
    file.manifests = [];
    return file;
  }
  for (const { doc, errors } of brokenTexts) {
    if (file.manifests.length > 0 || looksLikeManifest(text.slice(doc.range.start, doc.range.end))) {
      file.errors.push(...errors);
    }
  }
  return file;
}

function toSyntaxError(error: { code?: string; message: string; pos: [number, number] }, text: string, doc: Document.Parsed): YamlSyntaxError {
  const start = Math.min(error.pos[0], text.length);
  const end = Math.max(start, Math.min(error.pos[1], text.length));
  if (error.code === 'DUPLICATE_KEY') {
    // The parser points at the key's first character; the finding covers the whole key.
    const key = keyNodeAt(doc.contents, start, 0);
    if (key) {
      const [keyStart, keyEnd] = key.range;
      return {
        start: keyStart,
        end: keyEnd,
        message: `YAML syntax error: the key ${text.slice(keyStart, keyEnd)} appears twice in this map. kubectl rejects the file; keep one of them.`,
      };
    }
  }
  return { start, end, message: `YAML syntax error: ${yamlErrorMessage(error.message)}` };
}

/** The map key node that starts at `offset`, searched through maps and sequences. */
function keyNodeAt(node: unknown, offset: number, depth: number): { range: [number, number, number] } | null {
  if (depth > 100) return null;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as { range?: [number, number, number] } | null;
      if (key?.range && key.range[0] === offset) return key as { range: [number, number, number] };
      const found = keyNodeAt(pair.key, offset, depth + 1) ?? keyNodeAt(pair.value, offset, depth + 1);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = keyNodeAt(item, offset, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/**
 * True when an unquoted `{{ … }}` was read as YAML structure: a flow map whose key is itself a
 * flow map. Nobody writes that by hand; a template does (`name: {{ .Values.name }}`).
 */
function hasTemplateNode(node: unknown, depth: number): boolean {
  if (depth > 100) return false;
  if (isMap(node)) {
    return node.items.some((pair) => (node.flow && isMap(pair.key)) || hasTemplateNode(pair.value, depth + 1));
  }
  if (isSeq(node)) return node.items.some((item) => hasTemplateNode(item, depth + 1));
  return false;
}

function looksLikeManifest(text: string): boolean {
  return /^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text);
}

/**
 * Adds `node` to the file's manifests when it is one. `seen` guards against alias cycles
 * (`items: *self`): aliases are followed, never expanded, and each node is read once.
 */
function collectManifests(file: KubeFile, document: KubeDocument, node: unknown, list: Manifest | null, seen: Set<unknown>): void {
  if (!isMap(node) || seen.has(node)) return;
  seen.add(node);
  const text = file.text;
  const apiVersion = getString(node, 'apiVersion', text);
  const kind = getString(node, 'kind', text);
  if (!apiVersion || !kind || !isScalar(apiVersion.node) || typeof apiVersion.node.value !== 'string' || typeof kind.node.value !== 'string') {
    return;
  }
  const slash = apiVersion.value.lastIndexOf('/');
  const group = slash >= 0 ? apiVersion.value.slice(0, slash) : '';
  if (CONFIG_GROUPS.has(group)) {
    file.toolConfig ??= `${kind.value} (${group})`;
    return;
  }
  const metadata = getMap(node, 'metadata');
  const manifest: Manifest = {
    document,
    node,
    range: nodeSpan(node),
    apiVersion,
    kind,
    group,
    metadata,
    name: getString(metadata, 'name', text),
    namespace: getString(metadata, 'namespace', text)?.value ?? null,
    labels: stringMap(getMap(metadata, 'labels'), text),
    annotations: stringMap(getMap(metadata, 'annotations'), text),
    list,
    podSpec: null,
  };
  file.manifests.push(manifest);
  if (kind.value === 'List' || kind.value.endsWith('List')) {
    for (const item of getSeq(node, 'items')?.items ?? []) {
      collectManifests(file, document, resolve(item, document.doc), manifest, seen);
    }
    return;
  }
  if (isWorkloadKind(kind.value) && WORKLOAD_GROUPS.has(group)) {
    manifest.podSpec = readPodSpec(manifest, POD_SPEC_PATHS[kind.value], text);
  }
}

/** The string values of a map (labels, annotations) by key, merged keys (`<<: *common`) included. */
function stringMap(map: YamlMap | null, text: string): Map<string, StringValue> {
  const result = new Map<string, StringValue>();
  for (const { key, pair } of mapEntries(map)) {
    const value = stringValue(pair.value, text);
    if (value) result.set(key, value);
  }
  return result;
}

function readPodSpec(manifest: Manifest, path: readonly string[], text: string): PodSpec | null {
  const node = getIn(manifest.node, path);
  if (!isMap(node)) return null;
  const podSpec: PodSpec = {
    manifest,
    node,
    path,
    metadata: path.length === 1 ? manifest.metadata : asMap(getIn(manifest.node, [...path.slice(0, -1), 'metadata'])),
    restartPolicy: getString(node, 'restartPolicy', text),
    containers: [],
  };
  const lists: [string, ContainerKind][] = [
    ['initContainers', 'initContainer'],
    ['containers', 'container'],
    ['ephemeralContainers', 'ephemeralContainer'],
  ];
  for (const [key, kind] of lists) {
    getSeq(node, key)?.items.forEach((item, index) => {
      const containerNode = resolve(item, manifest.document.doc);
      if (isMap(containerNode)) podSpec.containers.push(readContainer(podSpec, containerNode, kind, index, text));
    });
  }
  return podSpec;
}

function readContainer(podSpec: PodSpec, node: YamlMap, kind: ContainerKind, index: number, text: string): Container {
  const ports: ContainerPort[] = [];
  for (const item of getSeq(node, 'ports')?.items ?? []) {
    if (!isMap(item)) continue;
    const containerPortValue = getString(item, 'containerPort', text);
    const portNumber = containerPortValue ? Number(containerPortValue.value) : NaN;
    ports.push({
      node: item,
      name: getString(item, 'name', text),
      containerPort: Number.isInteger(portNumber) ? portNumber : null,
      containerPortValue,
      protocol: getString(item, 'protocol', text),
      appProtocol: getString(item, 'appProtocol', text),
    });
  }
  const env: EnvVar[] = [];
  for (const item of asSeq(mapGet(node, 'env'))?.items ?? []) {
    if (!isMap(item)) continue;
    env.push({
      node: item,
      name: getString(item, 'name', text),
      value: getString(item, 'value', text),
      valueFrom: mapGet(item, 'valueFrom'),
    });
  }
  return {
    podSpec,
    node,
    range: nodeSpan(node),
    kind,
    index,
    name: getString(node, 'name', text),
    image: getString(node, 'image', text),
    restartPolicy: getString(node, 'restartPolicy', text),
    ports,
    env,
  };
}

/** Every container of every pod spec in the file. */
export function allContainers(file: KubeFile): Container[] {
  return file.manifests.flatMap((m) => m.podSpec?.containers ?? []);
}

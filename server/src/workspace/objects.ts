/**
 * The objects of a Kubernetes file that the checks of other files look up: the pod templates of
 * workloads (labels, containers, declared ports), Services (selector, ports), and ConfigMaps and
 * Secrets (their keys, never their values). Plain data with offsets, no syntax tree, so that an
 * index of thousands of files stays small.
 */
import { isMap, isScalar } from 'yaml';
import { readLabelMap } from '../kubernetes/labels';
import type { LabelMap } from '../kubernetes/labels';
import type { Container, KubeDocument, KubeFile, Manifest, PodSpec, YamlMap } from '../kubernetes/model';
import { getMap, getSeq, getString, mapEntries, mapGet, mapPair, nodeSpan, resolve } from '../kubernetes/nodes';
import type { Span } from '../text';

/** A port a container declares. */
export interface PortFact extends Span {
  number: number | null;
  name: string | null;
  /** `TCP` when not written. */
  protocol: string;
}

/** A container that serves traffic (regular containers and sidecars), with the ports it declares. */
export interface ContainerFact extends Span {
  name: string | null;
  ports: PortFact[];
}

/** The pod template of a workload (or a Pod), where Services look for their pods. */
export interface PodTemplateFact extends Span {
  /** The file's path as the face gave it (`FileContribution.path`). */
  path: string | undefined;
  /** `metadata.namespace` of the workload; null when it names none (it goes wherever the file is applied). */
  namespace: string | null;
  /** `Deployment web`, `Pod web`: how messages name it. */
  label: string;
  /** The pod labels; null when they cannot be read exactly (rules then assume any selector may match). */
  labels: Readonly<Record<string, string>> | null;
  containers: ContainerFact[];
  /**
   * True for a template Kube Ready does not model as a workload (a custom resource's
   * `spec.template`: an Argo Rollout, an OpenShift DeploymentConfig; or a document that does not
   * parse): its containers are unknown.
   */
  guessed: boolean;
}

/** One port of a Service. */
export interface ServicePortFact extends Span {
  port: number | null;
  name: string | null;
  protocol: string;
  /** The `targetPort` as written (number or port name); null when absent (it defaults to `port`). */
  targetPort: number | string | null;
  /** The `targetPort` value, when written. */
  targetPortSpan: Span | null;
}

/** A Service; its span is its name. */
export interface ServiceFact extends Span {
  path: string | undefined;
  namespace: string | null;
  name: string;
  /** `ClusterIP` when not written. */
  type: string;
  /** `clusterIP: None`. */
  headless: boolean;
  /** The selector; null when there is none (or it cannot be read exactly). */
  selector: Readonly<Record<string, string>> | null;
  /** The `selector` key. */
  selectorSpan: Span | null;
  ports: ServicePortFact[];
}

export type ConfigKind = 'ConfigMap' | 'Secret';

/** A ConfigMap or Secret (or a kustomize generator of one); its span is its name. */
export interface ConfigFact extends Span {
  path: string | undefined;
  kind: ConfigKind;
  namespace: string | null;
  name: string;
  /** The keys it holds; null when they cannot be known (filled in elsewhere, merged with a base). */
  keys: readonly string[] | null;
}

/**
 * A custom resource (`monitoring.coreos.com`, `postgresql.cnpg.io`…): its operator may make pods
 * labelled after it (`prometheus: k8s`, `cnpg.io/cluster: db`) that no file shows.
 */
export interface CustomResourceFact {
  namespace: string | null;
  name: string;
  /** Its `metadata.labels` that are plain strings. */
  labels: Readonly<Record<string, string>>;
}

/** The objects one Kubernetes file defines for the others. */
export interface FileObjects {
  podTemplates: PodTemplateFact[];
  services: ServiceFact[];
  configs: ConfigFact[];
  customResources: CustomResourceFact[];
  /** The absolute paths of the files a kustomize Component adds to a base it does not name. */
  componentFiles: string[];
}

/** Labels the controllers add to the pods they create: a selector may name them without the template doing so. */
export const CONTROLLER_LABELS: ReadonlySet<string> = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'job-name',
  'controller-uid',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-completion-index',
]);

/** Each parsed file's objects, read once for the index and the rules. */
const cache = new WeakMap<KubeFile, { path: string | undefined; objects: FileObjects }>();

/**
 * The objects a file holds (read once per parse). Whether they count as definitions is the
 * caller's call: a kustomize patch's objects are partial, and `contributionOf` leaves them out.
 */
export function fileObjects(file: KubeFile, path: string | undefined): FileObjects {
  const cached = cache.get(file);
  if (cached && cached.path === path) return cached.objects;
  const objects: FileObjects = { podTemplates: [], services: [], configs: [], customResources: [], componentFiles: [] };
  cache.set(file, { path, objects });
  for (const manifest of file.manifests) {
    if (manifest.podSpec) objects.podTemplates.push(podTemplateFact(file, manifest.podSpec, path));
    else {
      const guessed = guessedTemplate(file, manifest, path);
      if (guessed) objects.podTemplates.push(guessed);
    }
    if (isCustomGroup(manifest.group) && manifest.name) {
      const labels = Object.fromEntries([...manifest.labels].map(([key, value]) => [key, value.value]));
      objects.customResources.push({ namespace: manifest.namespace, name: manifest.name.value, labels });
    }
    const made = madeSecret(file, manifest, path);
    if (made) objects.configs.push(made);
    if (manifest.group !== '' || !manifest.name) continue;
    if (manifest.kind.value === 'Service') objects.services.push(serviceFact(file, manifest, path));
    else if (manifest.kind.value === 'ConfigMap' || manifest.kind.value === 'Secret') objects.configs.push(configFact(file, manifest, path));
  }
  objects.podTemplates.push(...brokenTemplates(file, path));
  return objects;
}

/**
 * The templates of the documents that do not parse (the syntax error is reported on its own): their
 * pods carry the labels read before the first error, or any labels when the error may cut them.
 */
function brokenTemplates(file: KubeFile, path: string | undefined): PodTemplateFact[] {
  const templates: PodTemplateFact[] = [];
  for (const document of file.documents) {
    const root = document.broken ? resolve(document.doc.contents, document.doc) : null;
    if (!isMap(root) || !getString(root, 'kind', file.text)) continue;
    const namespace = getString(getMap(root, 'metadata'), 'namespace', file.text)?.value ?? null;
    const spec = getMap(root, 'spec');
    if (spec && (getMap(spec, 'template') || getSeq(spec, 'containers'))) {
      const labels = brokenLabels(file, document, getMap(getMap(spec, 'template'), 'metadata') ?? getMap(root, 'metadata'));
      templates.push({ path, namespace, label: 'an object with a syntax error', labels, containers: [], guessed: true, ...document.range });
    }
  }
  return templates;
}

/**
 * The pod labels of a document that does not parse, when they end before its first error (the
 * parser read them whole); null (any labels) otherwise.
 */
function brokenLabels(file: KubeFile, document: KubeDocument, metadata: YamlMap | null): Record<string, string> | null {
  const pair = mapPair(metadata, 'labels');
  // Without a labels key, the whole metadata must have been read for "no labels" to be known.
  const end = ((pair ? pair.value : metadata) as { range?: [number, number, number] } | null)?.range?.[2];
  const errorAt = document.doc.errors[0]?.pos[0] ?? 0;
  const labels = end !== undefined && end <= errorAt ? readLabelMap(pair?.value ?? null, document.doc, file.text) : null;
  return labels && plainLabels(labels);
}

/**
 * The `spec.template` of an object that is not a built-in workload but has a pod template (an
 * Argo Rollout, an OpenShift DeploymentConfig, a Deployment whose apiVersion is mistyped): Services
 * may select its pods. Null when it has no template with metadata.
 */
function guessedTemplate(file: KubeFile, manifest: Manifest, path: string | undefined): PodTemplateFact | null {
  const template = getMap(getMap(manifest.node, 'spec'), 'template');
  const labelsNode = mapPair(getMap(template, 'metadata'), 'labels');
  if (!labelsNode?.key?.range) return null;
  const labels = readLabelMap(labelsNode.value, manifest.document.doc, file.text);
  return {
    path,
    namespace: manifest.namespace,
    label: manifest.name ? `${manifest.kind.value} ${manifest.name.value}` : `a ${manifest.kind.value}`,
    labels: labels && plainLabels(labels),
    containers: [],
    guessed: true,
    ...nodeSpan(labelsNode.key),
  };
}

/** API groups of custom resources: with a dot, and not one of Kubernetes' own (`*.k8s.io`). */
function isCustomGroup(group: string): boolean {
  return group.includes('.') && !group.endsWith('.k8s.io');
}

function podTemplateFact(file: KubeFile, podSpec: PodSpec, path: string | undefined): PodTemplateFact {
  const manifest = podSpec.manifest;
  const labelsNode = mapPair(podSpec.metadata, 'labels');
  const labels = readLabelMap(labelsNode?.value ?? null, manifest.document.doc, file.text);
  const at = labelsNode?.key?.range ? nodeSpan(labelsNode.key) : (manifest.name?.range ?? manifest.kind.range);
  return {
    path,
    namespace: manifest.namespace,
    label: manifest.name ? `${manifest.kind.value} ${manifest.name.value}` : `a ${manifest.kind.value}`,
    labels: labels && plainLabels(labels),
    ...at,
    containers: podSpec.containers.filter(servesTraffic).map(containerFact),
    guessed: false,
  };
}

/** Regular containers, and init containers that run as sidecars (`restartPolicy: Always`). */
function servesTraffic(container: Container): boolean {
  return container.kind === 'container' || (container.kind === 'initContainer' && container.restartPolicy?.value === 'Always');
}

function containerFact(container: Container): ContainerFact {
  return {
    name: container.name?.value ?? null,
    ...(container.name?.range ?? container.range),
    ports: container.ports.map((port) => ({
      number: port.containerPort,
      name: port.name?.value ?? null,
      protocol: port.protocol?.value ?? 'TCP',
      ...(port.containerPortValue?.range ?? nodeSpan(port.node)),
    })),
  };
}

function serviceFact(file: KubeFile, manifest: Manifest, path: string | undefined): ServiceFact {
  const text = file.text;
  const spec = getMap(manifest.node, 'spec');
  const selectorPair = mapPair(spec, 'selector');
  const selector = selectorPair ? readLabelMap(selectorPair.value, manifest.document.doc, text) : null;
  const ports: ServicePortFact[] = [];
  for (const item of getSeq(spec, 'ports')?.items ?? []) {
    const node = resolve(item, manifest.document.doc);
    if (!isMap(node)) continue;
    const target = getString(node, 'targetPort', text);
    const port = getString(node, 'port', text);
    ports.push({
      port: port ? portNumber(port.value) : null,
      name: getString(node, 'name', text)?.value ?? null,
      protocol: getString(node, 'protocol', text)?.value ?? 'TCP',
      targetPort: target ? (portNumber(target.value) ?? target.value) : null,
      targetPortSpan: target?.range ?? null,
      ...(port?.range ?? nodeSpan(node)),
    });
  }
  return {
    path,
    namespace: manifest.namespace,
    name: (manifest.name as NonNullable<Manifest['name']>).value,
    ...(manifest.name as NonNullable<Manifest['name']>).range,
    type: getString(spec, 'type', text)?.value ?? 'ClusterIP',
    headless: getString(spec, 'clusterIP', text)?.value === 'None',
    selector: selector && selector.size > 0 ? plainLabels(selector) : null,
    selectorSpan: selectorPair?.key?.range ? nodeSpan(selectorPair.key) : null,
    ports,
  };
}

/**
 * The Secret a controller makes from a custom resource: a Bitnami SealedSecret (same name, the
 * keys of `encryptedData`) or an ExternalSecret (`spec.target.name`, or its own name; keys unknown).
 */
function madeSecret(file: KubeFile, manifest: Manifest, path: string | undefined): ConfigFact | null {
  const spec = getMap(manifest.node, 'spec');
  let name = manifest.name;
  let keys: string[] | null = null;
  if (manifest.group === 'bitnami.com' && manifest.kind.value === 'SealedSecret') {
    const data = getMap(spec, 'encryptedData');
    keys = data ? mapEntries(data).map((e) => e.key) : null;
  } else if (manifest.group === 'external-secrets.io' && manifest.kind.value === 'ExternalSecret') {
    name = getString(getMap(spec, 'target'), 'name', file.text) ?? name;
  } else {
    return null;
  }
  return name ? { path, kind: 'Secret', namespace: manifest.namespace, name: name.value, ...name.range, keys } : null;
}

/** Labels read by `readLabelMap` as plain `key: value` data. */
function plainLabels(labels: LabelMap): Record<string, string> {
  return Object.fromEntries([...labels].map(([key, entry]) => [key, entry.value.value]));
}

/** A port number written as a number or a numeric string; null otherwise. */
export function portNumber(value: string): number | null {
  return /^\d{1,5}$/.test(value) ? Number(value) : null;
}

/** The data sections of each kind: their keys are the keys a reference may name. */
const DATA_SECTIONS: Record<ConfigKind, readonly string[]> = {
  ConfigMap: ['data', 'binaryData'],
  Secret: ['data', 'stringData'],
};

function configFact(file: KubeFile, manifest: Manifest, path: string | undefined): ConfigFact {
  const kind = manifest.kind.value as ConfigKind;
  const name = manifest.name as NonNullable<Manifest['name']>;
  return { path, kind, namespace: manifest.namespace, name: name.value, ...name.range, keys: dataKeys(file, manifest, kind) };
}

/**
 * The keys of a ConfigMap's or Secret's data. Null (unknown) when it has no data section at all
 * (someone fills it in later, as the token controller does) or a section is not a plain map.
 */
function dataKeys(file: KubeFile, manifest: Manifest, kind: ConfigKind): string[] | null {
  const keys = new Set<string>();
  let sections = 0;
  for (const section of DATA_SECTIONS[kind]) {
    const value = resolve(mapGet(manifest.node, section), manifest.document.doc);
    if (value === null || (isScalar(value) && value.value === null)) continue;
    if (!isMap(value)) return null;
    sections++;
    for (const entry of mapEntries(value)) keys.add(entry.key);
  }
  if (sections === 0) return null;
  if (kind === 'Secret' && getString(manifest.node, 'type', file.text)?.value === 'kubernetes.io/service-account-token') return null;
  return [...keys];
}

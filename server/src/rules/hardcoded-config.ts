/**
 * `hardcoded-config`: a network endpoint (host, URL, IP address, `host:port`) written as a literal
 * environment value in a pod spec, or baked into an image with ENV. Endpoints differ between
 * environments; the guide keeps them out of code and images, in a ConfigMap read at deploy time.
 */
import type { DockerfileModel, Instruction } from '../dockerfile/model';
import { baseChain, shippedStages } from '../dockerfile/stage-graph';
import type { Fix, TextEdit } from '../findings';
import { appendDocument, appendToMap } from '../kubernetes/edit';
import type { YamlValue } from '../kubernetes/edit';
import { configMapRefs, valueFromEdit } from '../kubernetes/env';
import type { Container, EnvVar, KubeFile, Manifest } from '../kubernetes/model';
import { getMap, getString, mapPair, stringValue } from '../kubernetes/nodes';
import { findObject } from '../kubernetes/objects';
import { endpointKind } from './endpoints';
import type { InClusterTest } from './endpoints';
import type { DockerfileContext, KubernetesContext, Rule } from './rule';
import { credentialKind, isReference } from './secrets';
import type { ReferenceSyntax } from './secrets';

export const hardcodedConfig: Rule = {
  meta: {
    id: 'hardcoded-config',
    title: 'Endpoint hard-coded in env',
    description: 'A host, URL or IP address is written into a container environment or an image, so each environment needs its own copy of the file.',
    defaultSeverity: 'warning',
    appliesTo: ['dockerfile', 'kubernetes'],
    fix: 'unsafe',
  },
  checkKubernetes: checkManifests,
  checkDockerfile: checkDockerfile,
};

/**
 * The endpoint kind of a literal value, or null: references to other variables are resolved
 * elsewhere, and a URL with a password is a secret (`plaintext-secret` reports it).
 */
function hardcodedEndpoint(name: string, value: string, syntax: ReferenceSyntax, inCluster?: InClusterTest): string | null {
  if (isReference(value, syntax) || credentialKind(value, syntax)) return null;
  return endpointKind(name, value, inCluster);
}

function checkManifests(context: KubernetesContext): void {
  const file = context.model;
  const inCluster = inClusterTest(file);
  for (const manifest of file.manifests) {
    for (const container of manifest.podSpec?.containers ?? []) {
      for (const env of container.env) {
        if (!env.name || !env.value || env.valueFrom !== null || typeof env.value.node.value !== 'string') continue;
        const kind = hardcodedEndpoint(env.name.value, env.value.value, 'kubernetes', inCluster);
        if (!kind) continue;
        // In a kustomize patch, a new or changed ConfigMap would be read as one more patch.
        const fix = context.isPatch ? null : configMapFix(file, manifest, container, env);
        context.report({
          ...env.value.range,
          message: `${env.name.value} hard-codes ${kind} in the pod spec: endpoints differ between environments, so each one would need its own copy of this manifest. Keep it in a ConfigMap and read it with configMapKeyRef.`,
          fixes: fix ? [fix] : [],
        });
      }
    }
  }
}

/**
 * In-cluster names beyond those `endpointKind` always accepts: up to three labels where one of
 * the first two is a Service of the file (`redis.cache`, `es-0.es-headless` for a StatefulSet
 * pod) or a headless Service by its usual name (`*-headless`), or whose last label is a
 * namespace the file uses (`db.shop`).
 */
function inClusterTest(file: KubeFile): InClusterTest {
  const services = new Set<string>();
  const namespaces = new Set<string>();
  for (const manifest of file.manifests) {
    if (manifest.namespace) namespaces.add(manifest.namespace);
    if (manifest.group !== '' || !manifest.name) continue;
    if (manifest.kind.value === 'Service') services.add(manifest.name.value);
    if (manifest.kind.value === 'Namespace') namespaces.add(manifest.name.value);
  }
  const isService = (label: string | undefined): boolean => label !== undefined && (services.has(label) || label.endsWith('-headless'));
  return (host) => {
    const labels = host.split('.');
    return labels.length <= 3 && (isService(labels[0]) || isService(labels[1]) || namespaces.has(labels[labels.length - 1]));
  };
}

/** The characters a ConfigMap key may use. */
const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** The ConfigMap that receives a value, and the edit that adds the key (null when it already holds that value). */
interface Target {
  name: string;
  edit: TextEdit | null;
}

/**
 * "Move <NAME> to ConfigMap <name>": the env entry reads the key with configMapKeyRef, and the key
 * is added to a ConfigMap of the file the container (or its pod) already reads, else to
 * `<workload>-config`, which is appended when the file has none.
 */
function configMapFix(file: KubeFile, workload: Manifest, container: Container, env: EnvVar): Fix | null {
  const key = env.name?.value;
  const value = env.value?.value;
  if (!key || value === undefined || !CONFIGMAP_KEY.test(key)) return null;
  const target = configMapTarget(file, workload, container, key, value);
  if (!target) return null;
  const envEdit = valueFromEdit(file, env, { kind: 'configMapKeyRef', name: target.name, key });
  if (!envEdit) return null;
  return {
    title: `Move ${key} to ConfigMap ${target.name}`,
    safety: 'unsafe',
    preferred: true,
    edits: target.edit ? [envEdit, target.edit] : [envEdit],
  };
}

function configMapTarget(file: KubeFile, workload: Manifest, container: Container, key: string, value: string): Target | null {
  const text = file.text;
  const siblings = (workload.podSpec?.containers ?? []).filter((c) => c !== container);
  const referenced = [...configMapRefs(container, text), ...siblings.flatMap((c) => configMapRefs(c, text))];
  const fallback = `${workload.name?.value ?? 'app'}-config`;
  for (const name of new Set([...referenced, fallback])) {
    const configMap = findObject(file, workload, '', 'ConfigMap', name);
    if (!configMap) continue;
    const target = addKey(file, configMap, name, key, value);
    if (target || name === fallback) return target;
  }
  // A ConfigMap of that name defined in another file would be replaced by the new one.
  if (referenced.includes(fallback)) return null;
  const metadata: Record<string, YamlValue> = { name: fallback };
  if (workload.namespace) metadata.namespace = workload.namespace;
  const configMap: Record<string, YamlValue> = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { [key]: value } };
  return { name: fallback, edit: appendDocument(file, configMap) };
}

/**
 * Adds `key: value` to a ConfigMap's `data` (creating `data` when absent). Null when the key
 * already holds another value, or the ConfigMap is immutable or cannot be edited in place.
 */
function addKey(file: KubeFile, configMap: Manifest, name: string, key: string, value: string): Target | null {
  if (getString(configMap.node, 'immutable', file.text)?.value === 'true') return null;
  if (mapPair(getMap(configMap.node, 'binaryData'), key)) return null;
  const data = getMap(configMap.node, 'data');
  const existing = mapPair(data, key);
  if (existing) return stringValue(existing.value, file.text)?.value === value ? { name, edit: null } : null;
  if (!data && mapPair(configMap.node, 'data')) return null;
  const edit = data ? appendToMap(file, data, { [key]: value }) : appendToMap(file, configMap.node, { data: { [key]: value } });
  return edit ? { name, edit } : null;
}

function checkDockerfile(context: DockerfileContext): void {
  const model = context.model;
  const shipped = shippedStages(model);
  let readers: Map<string, Instruction[]> | null = null;
  for (const instruction of model.instructions) {
    if (instruction.keyword !== 'ENV' || !shipped.has(instruction.stage)) continue;
    for (const pair of instruction.pairs) {
      if (pair.value === null || !pair.valueRange) continue;
      const kind = hardcodedEndpoint(pair.key, pair.value, 'dockerfile');
      if (!kind) continue;
      readers ??= variableReaders(model);
      if (usedByBuild(model, instruction, readers.get(pair.key) ?? [])) continue;
      context.report({
        ...pair.valueRange,
        message: `ENV ${pair.key} bakes ${kind} into the image: endpoints differ between environments, so each one would need its own image. Set it when the container is deployed (in Kubernetes, from a ConfigMap).`,
      });
    }
  }
}

/**
 * A variable read in a POSIX shell (`$NAME`, `${NAME}`), in PowerShell (`$env:NAME`,
 * `${env:NAME}`) or in cmd (`%NAME%`): the name is the first group that matched.
 */
const VARIABLE_REFERENCE = /\$\{?env:([A-Za-z_][A-Za-z0-9_]*)|\$\{?([A-Za-z_][A-Za-z0-9_]*)|%([A-Za-z_][A-Za-z0-9_]*)%/gi;

/** For each variable name, the instructions (other than ENV) whose arguments or heredocs read it. */
function variableReaders(model: DockerfileModel): Map<string, Instruction[]> {
  const readers = new Map<string, Instruction[]>();
  for (const instruction of model.instructions) {
    if (instruction.keyword === 'ENV') continue;
    const names = new Set<string>();
    for (const text of [instruction.argsText, ...instruction.heredocs.map((h) => h.body)]) {
      for (const match of text.matchAll(VARIABLE_REFERENCE)) names.add(match[1] ?? match[2] ?? match[3]);
    }
    for (const name of names) {
      const list = readers.get(name);
      if (list) list.push(instruction);
      else readers.set(name, [instruction]);
    }
  }
  return readers;
}

/** True when a later instruction of the same stage (or of one built FROM it) reads the variable: a build input, such as a download URL. */
function usedByBuild(model: DockerfileModel, env: Instruction, readers: readonly Instruction[]): boolean {
  return readers.some(
    (instruction) =>
      instruction.range.start > env.range.end &&
      instruction.stage >= 0 &&
      baseChain(model, model.stages[instruction.stage]).some((stage) => stage.index === env.stage),
  );
}

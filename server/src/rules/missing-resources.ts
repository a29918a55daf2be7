/**
 * `missing-resources`: a container without CPU and memory requests, or without a memory limit.
 * Requests let the scheduler reserve room for the pod; a memory limit keeps one leaking
 * container from taking a node's memory from its neighbours. CPU limits are never asked for:
 * they throttle a container even when the node has CPU to spare.
 */
import { isMap, isScalar } from 'yaml';
import type { Document } from 'yaml';
import { ASPECTS } from '../compat/ids';
import type { Fix } from '../findings';
import { mergeIntoMap } from '../kubernetes/insert';
import type { YamlEntries } from '../kubernetes/insert';
import type { Container, KubeFile, Manifest, YamlMap } from '../kubernetes/model';
import { getSeq, mapGet, resolve, stringValue } from '../kubernetes/nodes';
import type { StringValue } from '../kubernetes/nodes';
import { containerName, containerSpan } from './containers';
import type { Rule } from './rule';

/** The values the fix writes when nothing is set: a small web app's, to be tuned. */
const DEFAULT_CPU_REQUEST = '100m';
const DEFAULT_MEMORY_REQUEST = '128Mi';
const DEFAULT_MEMORY_LIMIT = '256Mi';

export const missingResources: Rule = {
  meta: {
    id: 'missing-resources',
    title: 'Container without resource requests or memory limit',
    description: 'A container sets no CPU or memory request, or no memory limit, so the scheduler cannot reserve room for it and a memory leak can starve the other pods on its node.',
    defaultSeverity: 'info',
    appliesTo: ['kubernetes'],
    fix: 'unsafe',
  },
  checkKubernetes(context) {
    if (context.isPatch) return;
    const file = context.model;
    const limitRanges = limitRangeDefaults(file);
    for (const manifest of file.manifests) {
      const podSpec = manifest.podSpec;
      if (!podSpec) continue;
      const doc = manifest.document.doc;
      const podLevel = readResources(mapGet(podSpec.node, 'resources'), 'requests', 'limits', doc, file.text);
      const namespaceDefault = limitRanges.get(manifest.namespace ?? '') ?? NOTHING;
      for (const container of podSpec.containers) {
        // Ephemeral containers may not set resources; a container without an image is an overlay fragment.
        if (container.kind === 'ephemeralContainer' || container.image === null) continue;
        const own = readResources(mapGet(container.node, 'resources'), 'requests', 'limits', doc, file.text);
        if (!own || !podLevel) continue;
        const has = (key: keyof Provided): boolean => own[key] !== null || podLevel[key] !== null || namespaceDefault[key] !== null;
        const missing = (Object.keys(LABELS) as (keyof Provided)[]).filter((key) => !has(key));
        if (missing.length === 0) continue;
        const fix = resourcesFix(file, container, missing, own);
        context.report({
          ...containerSpan(container),
          message: message(containerName(container), missing),
          fixes: fix ? [fix] : [],
          aspects: [...new Set(missing.map((key) => (key === 'cpuRequest' ? ASPECTS.cpu : ASPECTS.memory)))],
        });
      }
    }
  },
};

/** What a container gets, each as the value that provides it (null when nothing does). */
interface Provided {
  cpuRequest: StringValue | null;
  memoryRequest: StringValue | null;
  memoryLimit: StringValue | null;
}

const NOTHING: Provided = { cpuRequest: null, memoryRequest: null, memoryLimit: null };

const LABELS: Record<keyof Provided, string> = {
  cpuRequest: 'CPU request',
  memoryRequest: 'memory request',
  memoryLimit: 'memory limit',
};

function message(name: string, missing: readonly (keyof Provided)[]): string {
  const names = missing.map((key) => LABELS[key]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
  const reasons: string[] = [];
  if (missing.includes('cpuRequest') || missing.includes('memoryRequest')) reasons.push('without requests the scheduler cannot reserve room for it');
  if (missing.includes('memoryLimit')) reasons.push('without a memory limit a leak can use up the node and get other pods killed');
  return `Container ${name} sets no ${list}: ${reasons.join(', and ')}. Measure what it uses and set it under resources.`;
}

/**
 * Reads a `resources` map (or a LimitRange item, whose `defaultRequest` and `default` play the
 * parts of `requests` and `limits`). A limit without a request counts as both, as the API server
 * copies it. Null when the value is there but not a map (a variable, say): it cannot be judged.
 */
function readResources(node: unknown, requestsKey: string, limitsKey: string, doc: Document.Parsed, text: string): Provided | null {
  const resources = resolve(node, doc);
  if (resources === null || (isScalar(resources) && resources.value === null)) return NOTHING;
  if (!isMap(resources)) return null;
  const section = (key: string): YamlMap | null => {
    const value = resolve(mapGet(resources, key), doc);
    return isMap(value) ? value : null;
  };
  const quantity = (map: YamlMap | null, key: string): StringValue | null => stringValue(resolve(mapGet(map, key), doc), text);
  const requests = section(requestsKey);
  const limits = section(limitsKey);
  return {
    cpuRequest: quantity(requests, 'cpu') ?? quantity(limits, 'cpu'),
    memoryRequest: quantity(requests, 'memory') ?? quantity(limits, 'memory'),
    memoryLimit: quantity(limits, 'memory'),
  };
}

/**
 * The container defaults of the LimitRanges in this file, by namespace (`''` for none): a
 * LimitRange fills in what a container leaves out, in its own namespace.
 */
function limitRangeDefaults(file: KubeFile): Map<string, Provided> {
  const result = new Map<string, Provided>();
  for (const manifest of file.manifests) {
    if (manifest.kind.value !== 'LimitRange' || manifest.group !== '') continue;
    const merged = { ...(result.get(manifest.namespace ?? '') ?? NOTHING) };
    for (const item of limitItems(manifest, file.text)) {
      const provided = readResources(item, 'defaultRequest', 'default', manifest.document.doc, file.text);
      if (!provided) continue;
      for (const key of Object.keys(merged) as (keyof Provided)[]) merged[key] ??= provided[key];
    }
    result.set(manifest.namespace ?? '', merged);
  }
  return result;
}

/** The `spec.limits` items of a LimitRange that apply to containers. */
function limitItems(limitRange: Manifest, text: string): YamlMap[] {
  const doc = limitRange.document.doc;
  const spec = resolve(mapGet(limitRange.node, 'spec'), doc);
  const items = (isMap(spec) ? getSeq(spec, 'limits')?.items : null) ?? [];
  return items
    .map((item) => resolve(item, doc))
    .filter((item): item is YamlMap => isMap(item) && stringValue(mapGet(item, 'type'), text)?.value === 'Container');
}

/**
 * "Add resources to tune (…)": writes what is missing into the container's `resources`,
 * creating the maps it needs. A missing memory limit copies the container's own memory request,
 * so that the limit is never below it.
 */
function resourcesFix(file: KubeFile, container: Container, missing: readonly (keyof Provided)[], own: Provided): Fix | null {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  if (missing.includes('cpuRequest')) requests.cpu = DEFAULT_CPU_REQUEST;
  if (missing.includes('memoryRequest')) requests.memory = DEFAULT_MEMORY_REQUEST;
  if (missing.includes('memoryLimit')) limits.memory = own.memoryRequest?.value ?? DEFAULT_MEMORY_LIMIT;
  const resources: Record<string, YamlEntries> = {};
  const parts: string[] = [];
  if (Object.keys(requests).length > 0) {
    resources.requests = requests;
    parts.push(`requests ${Object.entries(requests).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  if (Object.keys(limits).length > 0) {
    resources.limits = limits;
    parts.push(`limit memory ${limits.memory}${own.memoryRequest ? ', as its request' : ''}`);
  }
  const edits = mergeIntoMap(file, container.node, { resources });
  if (!edits) return null;
  return { title: `Add resources to tune (${parts.join('; ')})`, safety: 'unsafe', preferred: true, edits };
}

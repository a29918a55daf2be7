/**
 * `nodeport-range`: a Service port whose `nodePort` lies outside the range the API server
 * allocates node ports from (30000-32767 unless the cluster sets `--service-node-port-range`).
 */
import { isMap, isScalar } from 'yaml';
import type { Fix } from '../findings';
import { removeMapEntry } from '../kubernetes/edit';
import type { Manifest, YamlMap } from '../kubernetes/model';
import { getMap, getSeq, mapGet, nodeSpan, resolve } from '../kubernetes/nodes';
import type { Span } from '../text';
import type { Rule } from './rule';

/** The default `--service-node-port-range` of the API server. */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export const nodeportRange: Rule = {
  meta: {
    id: 'nodeport-range',
    title: 'nodePort outside the node port range',
    description: `A Service asks for a nodePort outside ${NODE_PORT_MIN}-${NODE_PORT_MAX}, the range clusters allocate node ports from by default, so the API server rejects it.`,
    defaultSeverity: 'error',
    appliesTo: ['kubernetes'],
    fix: 'unsafe',
  },
  checkKubernetes(context) {
    const file = context.model;
    // A port shared through an anchor is reported once, where it is written.
    const seen = new Set<unknown>();
    for (const manifest of file.manifests) {
      if (manifest.kind.value !== 'Service' || manifest.group !== '') continue;
      for (const { item, port, span, node } of nodePorts(manifest)) {
        if (port === 0 || (port >= NODE_PORT_MIN && port <= NODE_PORT_MAX) || seen.has(node)) continue;
        seen.add(node);
        const name = manifest.name?.value ?? 'this Service';
        const edit = item ? removeMapEntry(file, item, 'nodePort') : null;
        const fixes: Fix[] = edit ? [{ title: 'Remove nodePort (let Kubernetes pick one)', safety: 'unsafe', preferred: true, edits: [edit] }] : [];
        context.report({
          ...span,
          message: `nodePort ${port} of Service ${name} is outside ${NODE_PORT_MIN}-${NODE_PORT_MAX}, the range node ports come from: the API server rejects the Service. Pick a port in that range, or leave nodePort out and Kubernetes picks a free one.`,
          fixes,
        });
      }
    }
  },
};

interface NodePort {
  /** The port's map; null when the port is an alias (`- *http`), which is reported but not edited. */
  item: YamlMap | null;
  port: number;
  /** The `nodePort` scalar. */
  node: unknown;
  span: Span;
}

/** The integer `nodePort` values of a Service's ports (0, which means "pick one", included). */
function nodePorts(service: Manifest): NodePort[] {
  const doc = service.document.doc;
  const result: NodePort[] = [];
  for (const raw of getSeq(getMap(service.node, 'spec'), 'ports')?.items ?? []) {
    const item = resolve(raw, doc);
    if (!isMap(item)) continue;
    const value = mapGet(item, 'nodePort');
    if (!isScalar(value) || !value.range || typeof value.value !== 'number' || !Number.isInteger(value.value)) continue;
    result.push({ item: raw === item ? item : null, port: value.value, node: value, span: nodeSpan(value) });
  }
  return result;
}

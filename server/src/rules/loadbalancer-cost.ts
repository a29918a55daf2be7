/**
 * `loadbalancer-cost`: every `type: LoadBalancer` Service provisions its own billed cloud load
 * balancer. For HTTP(S), one Ingress in front of ClusterIP Services serves them all.
 */
import { isMap } from 'yaml';
import type { Fix, TextEdit } from '../findings';
import { addIgnoreAnnotationEdit, appendDocument, removeMapEntry, yamlStyle } from '../kubernetes/edit';
import type { YamlValue } from '../kubernetes/edit';
import type { KubeFile, Manifest } from '../kubernetes/model';
import { getMap, getSeq, getString, stringValue } from '../kubernetes/nodes';
import type { StringValue } from '../kubernetes/nodes';
import type { Rule } from './rule';

export const loadbalancerCost: Rule = {
  meta: {
    id: 'loadbalancer-cost',
    title: 'LoadBalancer Service',
    description: 'A Service of type LoadBalancer provisions its own billed cloud load balancer; HTTP(S) services can share one Ingress.',
    defaultSeverity: 'warning',
    appliesTo: ['kubernetes'],
    fix: 'unsafe',
  },
  checkKubernetes(context) {
    const file = context.model;
    const services = loadBalancerServices(file);
    for (const { manifest, type } of services) {
      const name = manifest.name?.value ?? 'this Service';
      const fixes: Fix[] = [];
      const ingress = ingressFix(file, manifest, type);
      if (ingress) fixes.push(ingress);
      const keep = addIgnoreAnnotationEdit(file, manifest, 'loadbalancer-cost');
      if (keep) fixes.push({ title: 'Keep the LoadBalancer (acknowledge the cost)', safety: 'unsafe', edits: [keep], suppression: true });
      context.report({
        ...type.range,
        message: `Service ${name} is of type LoadBalancer: each such Service provisions its own cloud load balancer, billed separately. For HTTP(S), use a ClusterIP Service behind one shared Ingress.`,
        fixes,
        related: services
          .filter((other) => other.manifest !== manifest)
          .map((other) => ({ ...other.type.range, message: `Another LoadBalancer Service: ${other.manifest.name?.value ?? '(unnamed)'}` })),
      });
    }
  },
};

function loadBalancerServices(file: KubeFile): { manifest: Manifest; type: StringValue }[] {
  const result: { manifest: Manifest; type: StringValue }[] = [];
  for (const manifest of file.manifests) {
    if (manifest.kind.value !== 'Service' || manifest.group !== '') continue;
    const type = getString(getMap(manifest.node, 'spec'), 'type', file.text);
    if (type?.value === 'LoadBalancer' && !isEntryPoint(file, manifest)) result.push({ manifest, type });
  }
  return result;
}

/**
 * Words that name an ingress controller or a gateway: the one shared entry point the advice
 * leads to (`ingress-nginx-controller`, `istio-ingressgateway`, `traefik`, `kong-proxy`).
 */
const ENTRY_POINT_WORDS = new Set(['ingress', 'ingressgateway', 'gateway', 'traefik', 'contour', 'envoy', 'kong', 'haproxy', 'emissary', 'ambassador']);

/**
 * True for the Service of an ingress controller or gateway, told by its name, its labels or the
 * pod labels it selects. That load balancer is the shared one: there is nothing to put in front of it.
 */
function isEntryPoint(file: KubeFile, service: Manifest): boolean {
  const selector = getMap(getMap(service.node, 'spec'), 'selector');
  const names = [service.name?.value ?? '', ...[...service.labels.values()].map((v) => v.value)];
  for (const pair of selector?.items ?? []) {
    const value = stringValue(pair.value, file.text);
    if (value) names.push(value.value);
  }
  return names.some((name) => name.toLowerCase().split(/[^a-z0-9]+/).some((word) => ENTRY_POINT_WORDS.has(word)));
}

/** Spec fields the API server accepts only on NodePort or LoadBalancer Services. */
const LOAD_BALANCER_ONLY = [
  'externalTrafficPolicy',
  'healthCheckNodePort',
  'loadBalancerIP',
  'loadBalancerSourceRanges',
  'loadBalancerClass',
  'allocateLoadBalancerNodePorts',
];

/**
 * "Switch to ClusterIP and add an Ingress": the type becomes ClusterIP, fields a ClusterIP Service
 * may not carry go, and an Ingress routing `/` to the Service's first port is appended.
 */
function ingressFix(file: KubeFile, service: Manifest, type: StringValue): Fix | null {
  const spec = getMap(service.node, 'spec');
  const ports = getSeq(spec, 'ports')?.items.filter(isMap) ?? [];
  const port = Number(getString(ports[0] ?? null, 'port', file.text)?.value);
  if (!spec || !service.name || !Number.isInteger(port) || spec.flow) return null;
  const edits: TextEdit[] = [{ start: type.range.start, end: type.range.end, newText: 'ClusterIP' }];
  for (const key of LOAD_BALANCER_ONLY) {
    const edit = removeMapEntry(file, spec, key);
    if (edit) edits.push(edit);
  }
  for (const item of ports) {
    if (!getString(item, 'nodePort', file.text)) continue;
    const edit = removeMapEntry(file, item, 'nodePort');
    if (!edit) return null;
    edits.push(edit);
  }
  const name = uniqueIngressName(file, service.name.value);
  const metadata: Record<string, YamlValue> = { name };
  if (service.namespace) metadata.namespace = service.namespace;
  const ingress: Record<string, YamlValue> = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata,
    spec: {
      rules: [
        {
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service.name.value, port: { number: port } } } }],
          },
        },
      ],
    },
  };
  edits.push(appendDocument(file, ingress, yamlStyle(file)));
  return { title: `Switch to ClusterIP and add an Ingress for port ${port}`, safety: 'unsafe', preferred: true, edits };
}

function uniqueIngressName(file: KubeFile, base: string): string {
  const taken = new Set(file.manifests.filter((m) => m.kind.value === 'Ingress').map((m) => m.name?.value));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

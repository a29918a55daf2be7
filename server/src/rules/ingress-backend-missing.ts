/**
 * `ingress-backend-missing`: an Ingress backend names a Service the workspace does not define, or
 * a port that Service does not have. The Ingress controller answers such requests with 503 errors.
 */
import type { KubeFile, Manifest, YamlMap } from '../kubernetes/model';
import { asMap, getMap, getSeq, getString, mapGet, resolve } from '../kubernetes/nodes';
import type { StringValue } from '../kubernetes/nodes';
import { portNumber } from '../workspace/objects';
import type { ServiceFact, ServicePortFact } from '../workspace/objects';
import { relatedAt, relatedList } from './cross-file';
import type { Rule } from './rule';

export const ingressBackendMissing: Rule = {
  meta: {
    id: 'ingress-backend-missing',
    title: 'Ingress backend not defined',
    description: 'An Ingress backend names a Service the workspace does not define, or a port that Service lacks, so its requests fail with 503.',
    defaultSeverity: 'warning',
    appliesTo: ['kubernetes'],
    fix: 'none',
  },
  checkKubernetes(context) {
    const objects = context.workspace.objects;
    if (!objects) return;
    for (const manifest of context.model.manifests) {
      for (const backend of ingressBackends(context.model, manifest)) {
        const services = objects.services(manifest.namespace, backend.service.value);
        if (services.length === 0) {
          // A workspace without Services gets them from elsewhere (a chart, an operator), a
          // kustomize Component from the base it is applied to.
          if (!objects.hasServices(manifest.namespace) || objects.inComponent(context.path)) continue;
          context.report({
            ...backend.service.range,
            severity: 'info',
            message: `Service ${backend.service.value} is not defined in the workspace: the Ingress controller answers this backend's requests with 503 errors until it exists. Check the name, or make sure the Service is created elsewhere.`,
          });
          continue;
        }
        const port = backend.port;
        if (!port || services.some((s) => hasPort(s, port.value))) continue;
        context.report({
          ...port.range,
          message: `Service ${backend.service.value} has no port ${port.value}: the Ingress controller cannot route to it and answers with 503 errors. Name one of the Service's ports (its port number or name).`,
          related: relatedList(services.map((s) => relatedAt(context, s, s, `Service ${s.name} is defined here with ${portList(s.ports)}`))),
        });
      }
    }
  },
};

/** A backend's Service name and port (number or name) as written. */
interface Backend {
  service: StringValue;
  port: StringValue | null;
}

const INGRESS_GROUPS = new Set(['networking.k8s.io', 'extensions']);

/** The Service backends of an Ingress: its default backend and every path's; `resource` backends are not Services. */
function ingressBackends(file: KubeFile, manifest: Manifest): Backend[] {
  if (manifest.kind.value !== 'Ingress' || !INGRESS_GROUPS.has(manifest.group)) return [];
  const doc = manifest.document.doc;
  const spec = getMap(manifest.node, 'spec');
  const nodes: unknown[] = [mapGet(spec, 'defaultBackend'), mapGet(spec, 'backend')];
  for (const rule of getSeq(spec, 'rules')?.items ?? []) {
    const http = getMap(asMap(resolve(rule, doc)), 'http');
    for (const path of getSeq(http, 'paths')?.items ?? []) nodes.push(mapGet(asMap(resolve(path, doc)), 'backend'));
  }
  return nodes.flatMap((node) => {
    const found = readBackend(file, asMap(resolve(node, doc)));
    return found ? [found] : [];
  });
}

/** `service: {name, port: {number | name}}` (networking.k8s.io/v1) or `serviceName` / `servicePort` (v1beta1). */
function readBackend(file: KubeFile, backend: YamlMap | null): Backend | null {
  const service = getMap(backend, 'service');
  if (service) {
    const name = getString(service, 'name', file.text);
    const port = getMap(service, 'port');
    return name ? { service: name, port: getString(port, 'number', file.text) ?? getString(port, 'name', file.text) } : null;
  }
  const name = getString(backend, 'serviceName', file.text);
  return name ? { service: name, port: getString(backend, 'servicePort', file.text) } : null;
}

/** True when the Service has the port (by number or by name); an ExternalName Service is not judged. */
function hasPort(service: ServiceFact, port: string): boolean {
  if (service.type === 'ExternalName' && service.ports.length === 0) return true;
  const number = portNumber(port);
  return service.ports.some((p) => (number !== null ? p.port === number : p.name === port));
}

/** `the ports 80 (http), 443` or `no ports`. */
function portList(ports: readonly ServicePortFact[]): string {
  if (ports.length === 0) return 'no ports';
  const labels = ports.map((p) => (p.name ? `${p.port ?? '?'} (${p.name})` : `${p.port ?? '?'}`));
  return `the port${ports.length === 1 ? '' : 's'} ${labels.join(', ')}`;
}

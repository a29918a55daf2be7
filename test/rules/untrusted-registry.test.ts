import type { Config } from '../../server/src/config/config';
import { untrustedRegistry } from '../../server/src/rules/untrusted-registry';
import { ruleTester } from '../helpers/rule-tester';

/** Lint options with these `trustedRegistries`. */
const trusting = (...trustedRegistries: string[]): { config: Config } => ({ config: { rules: {}, ignore: [], trustedRegistries } });

const MESSAGE = (image: string, where: string, host = where): string =>
  `${image} comes from ${where}, which is not in trustedRegistries: an image from a registry nobody vetted can change or vanish without review. Use an image from a trusted registry, or add ${host} to trustedRegistries in .kubeready.yaml.`;

/** A Pod running the given images, one container each. */
const pod = (...images: string[]): string =>
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n' + images.map((image, i) => `  - name: c${i}\n    image: ${image}\n`).join('');

ruleTester(untrustedRegistry, {
  valid: [
    { name: 'off until trustedRegistries is set', path: 'pod.yaml', code: pod('evil.example.com/miner:1.0', 'nginx:1.27') },
    { name: 'off in Dockerfiles too', path: 'Dockerfile', code: 'FROM evil.example.com/base:1.0\n' },
    {
      name: 'docker.io covers short names, library/ names and every Docker Hub host name',
      path: 'pod.yaml',
      code: pod('nginx:1.27', 'library/redis:7.2.5', 'bitnami/redis:7.2', 'docker.io/library/busybox:1.36', 'index.docker.io/grafana/grafana:11.1.0'),
      options: trusting('docker.io'),
    },
    {
      name: 'a path prefix, a wildcard subdomain, a registry with a port, an entry written with a scheme',
      path: 'pod.yaml',
      code: pod('ghcr.io/acme/api:2.0.1', 'ghcr.io/acme/tools/cli:1.0', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:3.1', 'localhost:5000/dev:1', 'quay.io/prometheus/node-exporter:v1.8.2'),
      options: trusting('ghcr.io/acme/', '*.dkr.ecr.eu-west-1.amazonaws.com', 'localhost:5000', 'https://quay.io'),
    },
    {
      name: 'official images only, by docker.io/library',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim AS build\nFROM build\nCOPY --from=docker.io/library/busybox:1.36 /bin/busybox /bin/\nFROM scratch\n',
      options: trusting('docker.io/library'),
    },
    {
      name: 'ignored by a comment above the instruction',
      path: 'Dockerfile',
      code: '# kubeready-ignore untrusted-registry -- vendor image, reviewed in SEC-42\nFROM registry.vendor.example/agent:5.1\n',
      options: trusting('ghcr.io/acme'),
    },
  ],
  invalid: [
    {
      name: 'the registry part is reported; a path prefix ends at a slash',
      path: 'pod.yaml',
      code: pod('ghcr.io/acme-evil/api:2.0.1', 'ghcr.io/acme/api:2.0.1', 'quay.io/acme/api:2.0.1'),
      options: trusting('ghcr.io/acme'),
      errors: [
        {
          message: MESSAGE('ghcr.io/acme-evil/api', 'ghcr.io'),
          line: 8,
          column: 12,
          endLine: 8,
          endColumn: 19,
          text: 'ghcr.io',
          fixes: ['Ignore untrusted-registry here'],
        },
        {
          message: MESSAGE('quay.io/acme/api', 'quay.io'),
          line: 12,
          column: 12,
          endLine: 12,
          endColumn: 19,
          text: 'quay.io',
          fixes: ['Ignore untrusted-registry here'],
        },
      ],
    },
    {
      name: 'Docker Hub names, short and long; a wildcard does not cover the domain itself; ports must agree',
      path: 'pod.yaml',
      code: pod('nginx:1.27', 'bitnami/redis:7.2', 'docker.io/library/busybox:1.36', 'example.com/app:1.0', 'localhost:5001/dev:1'),
      options: trusting('*.example.com', 'localhost:5000', 'docker.io/library'),
      errors: [
        {
          message: MESSAGE('bitnami/redis', 'docker.io (Docker Hub)', 'docker.io'),
          line: 10,
          column: 12,
          endLine: 10,
          endColumn: 25,
          text: 'bitnami/redis',
          fixes: ['Ignore untrusted-registry here'],
        },
        {
          message: MESSAGE('example.com/app', 'example.com'),
          line: 14,
          column: 12,
          endLine: 14,
          endColumn: 23,
          text: 'example.com',
          fixes: ['Ignore untrusted-registry here'],
        },
        {
          message: MESSAGE('localhost:5001/dev', 'localhost:5001'),
          line: 16,
          column: 12,
          endLine: 16,
          endColumn: 26,
          text: 'localhost:5001',
          fixes: ['Ignore untrusted-registry here'],
        },
      ],
    },
    {
      name: 'Dockerfile: FROM through an ARG, and COPY --from an image',
      path: 'Dockerfile',
      code: 'ARG BASE=node:20.15-alpine\nFROM ${BASE} AS build\nRUN npm ci\nFROM registry.example.com/base/nginx:1.27\nCOPY --from=quay.io/jetstack/cert-manager-ctl:v1.15.1 /app/cmctl /usr/bin/\n',
      options: trusting('registry.example.com'),
      errors: [
        {
          message: MESSAGE('node', 'docker.io (Docker Hub)', 'docker.io'),
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 13,
          text: '${BASE}',
          fixes: ['Ignore untrusted-registry here'],
        },
        {
          message: MESSAGE('quay.io/jetstack/cert-manager-ctl', 'quay.io'),
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 20,
          text: 'quay.io',
          fixes: ['Ignore untrusted-registry here'],
        },
      ],
    },
  ],
});

import { latestTag } from '../../server/src/rules/latest-tag';
import { ruleTester } from '../helpers/rule-tester';

const DOCKER = 'rebuilding the image can silently pick up a different base. Pin a version tag or a digest.';
const K8S = 'each node that starts a pod may pull a different version, and a rollback cannot go back. Pin a version tag or a digest.';

ruleTester(latestTag, {
  valid: [
    { name: 'pinned FROM', path: 'Dockerfile', code: 'FROM python:3.12-slim\n' },
    { name: 'digest only', path: 'Dockerfile', code: 'FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'an earlier stage', path: 'Dockerfile', code: 'FROM golang:1.22 AS latest\nFROM latest\n' },
    { name: 'unresolved variable', path: 'Dockerfile', code: 'ARG BASE\nFROM $BASE\n' },
    { name: 'a tag that merely contains latest', path: 'Dockerfile', code: 'FROM example/app:latest-2024\n' },
    {
      name: 'pinned container images and templated ones',
      path: 'pod.yaml',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n    - name: b\n      image: ${REGISTRY}/app:latest\n',
    },
    { name: 'Helm template under templates/', path: 'chart/templates/deploy.yaml', code: 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: "{{ .Values.image }}:latest"\n' },
  ],
  invalid: [
    {
      name: 'FROM with latest; another stage pins the same image',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim AS build\nRUN pip wheel .\nFROM python:latest\nCOPY --from=build /wheels /wheels\n',
      errors: [
        {
          message: `python:latest follows every new release: ${DOCKER}`,
          line: 3,
          column: 13,
          endLine: 3,
          endColumn: 19,
          text: 'latest',
          fixes: ['Pin python to 3.12-slim', 'Pin python to a tag…', 'Ignore latest-tag here'],
        },
      ],
      output: 'FROM python:3.12-slim AS build\nRUN pip wheel .\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n',
    },
    {
      name: 'the tag comes from a global ARG: reported in FROM, fixed in the ARG',
      path: 'Dockerfile',
      code: 'ARG TAG=latest\nFROM --platform=$BUILDPLATFORM node:${TAG}\n',
      workspaceTags: [{ canonical: 'library/node', tag: '20.15-alpine' }],
      errors: [
        {
          message: `node:latest follows every new release: ${DOCKER}`,
          line: 2,
          column: 37,
          endLine: 2,
          endColumn: 43,
          text: '${TAG}',
          fixes: ['Pin node to 20.15-alpine', 'Pin node to a tag…', 'Ignore latest-tag here'],
        },
      ],
      output: 'ARG TAG=20.15-alpine\nFROM --platform=$BUILDPLATFORM node:${TAG}\n',
    },
    {
      name: 'COPY --from an image with latest: the message speaks of copied files, not of the base',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20\nCOPY --from=example/tools:latest /bin/t /bin/t\n',
      errors: [
        {
          message: 'example/tools:latest follows every new release: rebuilding the image can silently copy in files from a different version. Pin a version tag or a digest.',
          line: 2,
          column: 27,
          endLine: 2,
          endColumn: 33,
          text: 'latest',
          fixes: ['Pin example/tools to a tag…', 'Ignore latest-tag here'],
        },
      ],
    },
    {
      name: 'COPY --from an image; the digest stays',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20\nCOPY --from=ghcr.io/acme/tools:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef /bin/t /bin/t\n',
      errors: [
        {
          message: 'ghcr.io/acme/tools:latest is pinned by its digest, but the tag latest tells readers it follows every new release. Name the version the digest points to.',
          line: 2,
          column: 32,
          endLine: 2,
          endColumn: 38,
          text: 'latest',
          fixes: ['Pin ghcr.io/acme/tools to a tag…', 'Ignore latest-tag here'],
        },
      ],
    },
    {
      name: 'Kubernetes: latest next to a digest is pinned, the message says so',
      path: 'pod.yaml',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - name: init\n      image: busybox:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      errors: [
        {
          message: 'busybox:latest is pinned by its digest, but the tag latest tells readers it follows every new release. Name the version the digest points to.',
          line: 8,
          column: 22,
          endLine: 8,
          endColumn: 28,
          text: 'latest',
          fixes: ['Pin busybox to a tag…', 'Ignore latest-tag here'],
        },
      ],
    },
    {
      name: 'every container kind in Kubernetes; quoted image; tags from other files',
      path: 'deploy.yaml',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: init\n          image: "busybox:latest"\n      containers:\n        - name: web\n          image: docker.io/library/nginx:latest\n      ephemeralContainers:\n        - name: debug\n          image: busybox:1.36\n',
      workspaceTags: [{ canonical: 'library/nginx', tag: '1.27' }, { canonical: 'library/nginx', tag: '1.25' }],
      errors: [
        {
          message: `busybox:latest follows every new release: ${K8S}`,
          line: 10,
          column: 27,
          endLine: 10,
          endColumn: 33,
          text: 'latest',
          fixes: ['Pin busybox to 1.36', 'Pin busybox to a tag…', 'Ignore latest-tag here'],
        },
        {
          message: `docker.io/library/nginx:latest follows every new release: ${K8S}`,
          line: 13,
          column: 42,
          endLine: 13,
          endColumn: 48,
          text: 'latest',
          fixes: ['Pin docker.io/library/nginx to 1.27', 'Pin docker.io/library/nginx to 1.25', 'Pin docker.io/library/nginx to a tag…', 'Ignore latest-tag here'],
        },
      ],
      output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: init\n          image: "busybox:1.36"\n      containers:\n        - name: web\n          image: docker.io/library/nginx:1.27\n      ephemeralContainers:\n        - name: debug\n          image: busybox:1.36\n',
      fixed: {
        'Ignore latest-tag here':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: init\n          # kubeready-ignore latest-tag\n          image: "busybox:latest"\n      containers:\n        - name: web\n          image: docker.io/library/nginx:latest\n      ephemeralContainers:\n        - name: debug\n          image: busybox:1.36\n',
      },
    },
  ],
});

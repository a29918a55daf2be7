import { untaggedImage } from '../../server/src/rules/untagged-image';
import { ruleTester } from '../helpers/rule-tester';

const DOCKER = 'rebuilding the image can silently pick up a different base. Pin a version tag or a digest.';
const K8S = 'each node that starts a pod may pull a different version, and a rollback cannot go back. Pin a version tag or a digest.';

ruleTester(untaggedImage, {
  valid: [
    { name: 'scratch', path: 'Dockerfile', code: 'FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /app /app\n' },
    { name: 'a stage name, any case', path: 'Dockerfile', code: 'FROM node:20.15 AS Deps\nFROM deps\n' },
    { name: 'a digest pins the image', path: 'Dockerfile', code: 'FROM nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'an unresolved variable', path: 'Dockerfile', code: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n' },
    { name: 'a default that carries a tag', path: 'Dockerfile', code: 'FROM ${BASE_IMAGE:-python:3.12-slim}\n' },
    { name: 'COPY --from a named build context', path: 'Dockerfile', code: 'FROM alpine:3.20\nCOPY --from=assets /a /a\n' },
    {
      name: 'a registry port is not a tag, but this one has a tag',
      path: 'pod.yaml',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: localhost:5000/app:2.1.0\n',
    },
  ],
  invalid: [
    {
      name: 'FROM without a tag, and through an ARG default',
      path: 'Dockerfile',
      code: 'ARG BASE=python\nFROM ubuntu AS build\nFROM ${BASE}\n',
      errors: [
        {
          message: `ubuntu has no tag, so it means latest: ${DOCKER}`,
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 12,
          text: 'ubuntu',
          fixes: ['Pin ubuntu to a tag…', 'Ignore untagged-image here'],
        },
        {
          message: `python has no tag, so it means latest: ${DOCKER}`,
          line: 3,
          column: 6,
          endLine: 3,
          endColumn: 13,
          text: '${BASE}',
          fixes: ['Pin python to a tag…', 'Ignore untagged-image here'],
        },
      ],
    },
    {
      name: 'registry with a port; a tag used elsewhere in the file is offered',
      path: 'pods.yaml',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: localhost:5000/app\n    - name: b\n      image: localhost:5000/app:2.1.0\n',
      errors: [
        {
          message: `localhost:5000/app has no tag, so it means latest: ${K8S}`,
          line: 8,
          column: 14,
          endLine: 8,
          endColumn: 32,
          text: 'localhost:5000/app',
          fixes: ['Pin localhost:5000/app to 2.1.0', 'Pin localhost:5000/app to a tag…', 'Ignore untagged-image here'],
        },
      ],
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: localhost:5000/app:2.1.0\n    - name: b\n      image: localhost:5000/app:2.1.0\n',
      fixed: {
        'Pin localhost:5000/app to a tag…': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: localhost:5000/app:1.2.3\n    - name: b\n      image: localhost:5000/app:2.1.0\n',
      },
    },
  ],
});

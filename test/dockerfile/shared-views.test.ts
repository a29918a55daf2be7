/**
 * One parse, shared views: what several rules (and the workspace index) ask of one model is
 * read once and the same answer handed to each, not read again per rule.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instructionCommands } from '../../server/src/dockerfile/commands';
import { dockerfileImages } from '../../server/src/dockerfile/images';
import { parseDockerfile } from '../../server/src/dockerfile/parser';
import { containerImages } from '../../server/src/kubernetes/images';
import { parseKubernetes } from '../../server/src/kubernetes/model';
import { oncePer } from '../../server/src/memo';
import { packageCommands } from '../../server/src/rules/packages';

const DOCKERFILE = 'FROM python:3.12-slim AS build\nRUN apt-get update && apt-get install -y curl\nFROM build\nCOPY --from=busybox:1.36 /bin/sh /bin/sh\n';

test('a Dockerfile model answers its images and package commands once', () => {
  const model = parseDockerfile(DOCKERFILE);
  const images = dockerfileImages(model);
  assert.deepEqual(images.map((i) => i.occurrence.ref.canonical), ['library/python', 'library/busybox']);
  assert.equal(dockerfileImages(model), images, 'the same list, not a new reading');
  assert.notEqual(dockerfileImages(parseDockerfile(DOCKERFILE)), images, 'another model is read anew');
  const commands = instructionCommands(model, model.instructions[1])?.commands ?? [];
  const installs = packageCommands(commands);
  assert.deepEqual(installs.map((c) => c.verb?.value), ['update', 'install']);
  assert.equal(packageCommands(commands), installs);
});

test('a Kubernetes file answers its container images once', () => {
  const file = parseKubernetes('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n');
  const images = containerImages(file);
  assert.deepEqual(images.map((i) => i.occurrence.ref.tag), ['1.27']);
  assert.equal(containerImages(file), images);
});

test('oncePer computes once per key, null and undefined answers included', () => {
  let calls = 0;
  const answer = oncePer((key: { value: number | null }) => {
    calls++;
    return key.value;
  });
  const none = { value: null };
  assert.equal(answer(none), null);
  assert.equal(answer(none), null);
  assert.equal(answer({ value: 2 }), 2);
  assert.equal(calls, 2);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseImageRef } from '../../server/src/image';

test('parses references into name, tag and digest with offsets', () => {
  const digest = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
  const cases: [string, { registry: string | null; name: string; canonical: string; tag: string | null; digest: string | null }][] = [
    ['nginx', { registry: null, name: 'nginx', canonical: 'library/nginx', tag: null, digest: null }],
    ['nginx:1.27', { registry: null, name: 'nginx', canonical: 'library/nginx', tag: '1.27', digest: null }],
    ['docker.io/library/nginx:latest', { registry: 'docker.io', name: 'docker.io/library/nginx', canonical: 'library/nginx', tag: 'latest', digest: null }],
    ['localhost:5000/app', { registry: 'localhost:5000', name: 'localhost:5000/app', canonical: 'localhost:5000/app', tag: null, digest: null }],
    ['localhost/app:2', { registry: 'localhost', name: 'localhost/app', canonical: 'localhost/app', tag: '2', digest: null }],
    ['ghcr.io/Acme/Tools:v1.0@' + digest, { registry: 'ghcr.io', name: 'ghcr.io/Acme/Tools', canonical: 'ghcr.io/acme/tools', tag: 'v1.0', digest }],
    ['sammy/flask_app:1.0', { registry: null, name: 'sammy/flask_app', canonical: 'sammy/flask_app', tag: '1.0', digest: null }],
  ];
  for (const [text, expected] of cases) {
    const ref = parseImageRef(text);
    assert.ok(ref, text);
    assert.deepEqual({ registry: ref.registry, name: ref.name, canonical: ref.canonical, tag: ref.tag, digest: ref.digest }, expected, text);
    assert.equal(text.slice(0, ref.nameEnd), ref.name);
    if (ref.tag) assert.equal(text.slice(ref.tagStart, ref.tagEnd), ref.tag);
  }
});

test('rejects what is not a concrete reference', () => {
  for (const text of ['', ' nginx', 'nginx:', '$IMAGE', '${REGISTRY}/app', '{{ .Values.image }}', 'app:bad tag', 'a//b', 'nginx@sha256:xyz', ':1.0']) {
    assert.equal(parseImageRef(text), null, text);
  }
});

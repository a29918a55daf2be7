/** Generated inputs shared by the benchmarks (nothing is read from the network or committed). */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** A Deployment with probes, resources, a named port and its settings from ConfigMap `app-<i>`. */
function deployment(i, { typo = false } = {}) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels:
    app: app-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:${typo ? '\n      terminationGracePeriodSecond: 30' : ''}
      containers:
        - name: app
          image: registry.example.com/app-${i}:1.${i}.0
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: MODE
              value: production
          readinessProbe:
            httpGet:
              path: /health
              port: http
          livenessProbe:
            httpGet:
              path: /health
              port: http
          resources:
            requests:
              cpu: 100m
              memory: 128Mi`;
}

/** The Service in front of Deployment `app-<i>`. */
function service(i) {
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
spec:
  selector:
    app: app-${i}
  ports:
    - port: 80
      targetPort: http`;
}

/** A ConfigMap of plain settings. */
function configMap(i) {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-${i}-settings
data:
  LOG_LEVEL: info
  FEATURE_${i}: "on"
  TIMEOUT_SECONDS: "30"`;
}

/**
 * `pairs` Deployments and as many Services: 41 pairs make the 2,000-line file of the
 * yaml-language-server comparison in ../shared/notes (used by `npm run bench:schema`).
 */
function manifest(pairs) {
  const docs = [];
  for (let i = 0; i < pairs; i++) docs.push(deployment(i), service(i));
  return docs.join('\n---\n') + '\n';
}

/**
 * A multi-document manifest of at least `lines` lines: Deployments, Services and ConfigMaps in
 * turn. The first Deployment has one schema mistake (`terminationGracePeriodSecond`, a misspelt
 * field) so that a benchmark can tell the diagnostics of a schema-validated file from earlier ones.
 */
function workloads(lines) {
  const docs = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    for (const doc of [deployment(i, { typo: i === 0 }), service(i), configMap(i)]) {
      docs.push(doc);
      count += doc.split('\n').length + 1;
    }
  }
  return docs.join('\n---\n') + '\n';
}

/** The misspelt field of `workloads`: both servers name it in their schema diagnostic. */
const SCHEMA_MISTAKE = 'terminationGracePeriodSecond';

/** A Dockerfile of about `lines` lines, two stages, every kind of instruction the rules look at. */
function dockerfile(lines) {
  const out = ['# syntax=docker/dockerfile:1', 'ARG PY=3.12', 'FROM python:${PY}-slim AS build'];
  const shapes = [
    (i) => `RUN apt-get update && apt-get install -y --no-install-recommends pkg${i} \\\n    && rm -rf /var/lib/apt/lists/*`,
    (i) => `ENV APP_${i}=value-${i} OTHER_${i}="with space"`,
    (i) => `COPY --chown=app:app src/${i} /app/${i}`,
    (i) => `# comment ${i}`,
    (i) => `LABEL org.example.v${i}="${i}"`,
    (i) => `RUN <<EOF\necho ${i}\nEOF`,
    (i) => `WORKDIR /app/${i}`,
  ];
  let count = out.length;
  for (let i = 0; count < lines - 4; i++) {
    const block = shapes[i % shapes.length](i);
    out.push(block);
    count += block.split('\n').length;
  }
  out.push('FROM python:3.12-slim', 'COPY --from=build /app /app', 'USER 10001', 'CMD ["python", "-m", "app"]');
  return out.join('\n') + '\n';
}

/**
 * Writes a repository of `files` files under `dir`: one folder per service with a Dockerfile
 * (60 lines), a deployment.yaml (Deployment + ConfigMap) and a service.yaml, plus a
 * .dockerignore per folder (which is not one of the files counted) so that COPY has one.
 */
function writeRepository(dir, files) {
  const docker = dockerfile(60);
  let written = 0;
  for (let i = 0; written < files; i++) {
    const sub = path.join(dir, 'services', `svc-${i}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, '.dockerignore'), '.git\n');
    const contents = [
      ['Dockerfile', docker],
      ['deployment.yaml', `${deployment(i)}\n---\n${configMap(i)}\n`],
      ['service.yaml', `${service(i)}\n`],
    ];
    for (const [name, text] of contents) {
      if (written === files) break;
      fs.writeFileSync(path.join(sub, name), text);
      written++;
    }
  }
  return written;
}

module.exports = { manifest, workloads, dockerfile, writeRepository, SCHEMA_MISTAKE };

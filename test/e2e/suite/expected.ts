/**
 * What the fixture workspace (test/e2e/fixtures) must show, written out by hand from the files'
 * text. Lines and characters are 0-based, as in the VS Code API; every range lies on one line.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';

/** The rule ids the build under test registers (its types come from the server project). */
export const RULE_IDS: ReadonlySet<string> = (
  require(join(__dirname, '..', '..', 'server', 'src', 'rules', 'index.js')) as typeof import('../../../server/src/rules/index')
).RULE_IDS;

/** One expected diagnostic. */
export interface Expected {
  rule: string;
  line: number;
  start: number;
  end: number;
  severity: vscode.DiagnosticSeverity;
}

const { Error: E, Warning: W, Information: I } = vscode.DiagnosticSeverity;

function d(rule: string, line: number, start: number, end: number, severity = W): Expected {
  return { rule, line, start, end, severity };
}

/**
 * The expected diagnostics per fixture file (path relative to the workspace), for every rule that
 * exists somewhere: `EXPECTED` keeps those of the rules this build registers, so that a rule from
 * a branch not merged yet is checked as soon as it is. Each file shows its problems and nothing
 * else: the rest of it follows the guide (a non-root USER, slim bases, probes, resources).
 */
const ALL_EXPECTED: Readonly<Record<string, readonly Expected[]>> = {
  Dockerfile: [
    d('latest-tag', 1, 12, 18), //          FROM python:[latest] AS build
    d('untagged-image', 6, 5, 11), //       FROM [alpine]
    d('plaintext-secret', 7, 16, 35), //    ENV DB_PASSWORD=[hunter2-very-secret]
  ],
  Containerfile: [
    d('untagged-image', 0, 5, 39), //       FROM [registry.example.com/tools/builder]
  ],
  'broken.Dockerfile': [
    d('syntax', 1, 0, 4, E), //             [COPY] with no arguments
  ],
  'docker/python.Dockerfile': [
    d('large-base-image', 1, 5, 16, I), //  FROM [python:3.12]
    d('root-user', 1, 5, 16), //            FROM [python:3.12], and no USER
  ],
  'docker/packages.Dockerfile': [
    d('apt-lists-not-cleaned', 1, 12, 18, I), //      RUN apt-get [update] && apt-get install -y curl
    d('apt-no-install-recommends', 1, 30, 37, I), //  RUN apt-get update && apt-get [install] -y curl
    d('unpinned-package', 1, 41, 45, I), //           RUN apt-get update && apt-get install -y [curl]
    d('pip-no-cache-dir', 4, 8, 15, I), //            RUN pip [install] -r requirements.txt
  ],
  'docker/alpine.Dockerfile': [
    d('apk-no-cache', 1, 8, 11, I), //         RUN apk [add] tini=0.19.0-r3
    d('add-instead-of-copy', 2, 0, 3, I), //   [ADD] entrypoint.sh /usr/local/bin/entrypoint.sh
    d('hardcoded-config', 3, 12, 38), //       ENV API_URL=[https://api.example.com/v1]
    d('log-to-file', 6, 52, 67), //            CMD ["sh", "-c", "exec /usr/local/bin/entrypoint.sh [>> /tmp/app.log] 2>&1"]
  ],
  'docker/go.Dockerfile': [
    d('single-stage-build', 0, 5, 16), //   FROM [golang:1.22], built and run in one stage
  ],
  'docker/on-save.Dockerfile': [
    d('large-base-image', 1, 5, 16, I), //            FROM [python:3.12]
    d('root-user', 1, 5, 16), //                      FROM [python:3.12], and no USER
    d('apt-lists-not-cleaned', 2, 12, 18, I), //      RUN apt-get [update] && apt-get install -y curl
    d('apt-no-install-recommends', 2, 30, 37, I), //  RUN apt-get update && apt-get [install] -y curl
    d('unpinned-package', 2, 41, 45, I), //           RUN apt-get update && apt-get install -y [curl]
  ],
  'no-dockerignore/Dockerfile': [
    d('copy-without-dockerignore', 4, 5, 6), //  COPY [.] . (the folder has no .dockerignore)
  ],
  'registry/Dockerfile': [
    d('untrusted-registry', 5, 5, 12), //  FROM [quay.io]/acme/python-runtime:3.12 (registry/.kubeready.yaml trusts registry.example.com)
  ],
  'k8s/app.yaml': [
    d('missing-liveness-probe', 15, 16, 19), //   - name: [web]
    d('missing-readiness-probe', 15, 16, 19),
    d('missing-resources', 15, 16, 19, I),
    d('untagged-image', 16, 17, 22), //           image: [nginx]
    d('plaintext-secret', 21, 21, 39), //         value: ["tok-9f8e7d6c5b4a"]
    d('latest-tag', 23, 23, 29), //               image: redis:[latest]
    d('loadbalancer-cost', 42, 8, 20), //         type: [LoadBalancer]
  ],
  'k8s/broken.yaml': [
    d('syntax', 12, 0, 1, E), //                  the [-]-- after the unclosed flow collection
    d('naked-pod', 14, 6, 9), //                  kind: [Pod] (the Pod after the broken document)
    d('missing-liveness-probe', 19, 12, 18), //   - name: [worker]
    d('missing-readiness-probe', 19, 12, 18),
  ],
  'k8s/typo.yaml': [
    d('missing-readiness-probe', 15, 16, 19), //  - name: [api]
    d('schema', 29, 10, 23, E), //                [readinesProbe]: (a typo)
  ],
  'k8s/network.yaml': [
    d('selector-mismatch', 8, 6, 9, E), //  matchLabels: [app]: shop, where the template's label is app: storefront
    d('service-selects-nothing', 41, 2, 10), //  [selector]: app: shop, the label of no pod template
    d('nodeport-range', 47, 16, 20, E), //  nodePort: [8080]
  ],
  'k8s/wiring.yaml': [
    d('service-port-mismatch', 10, 18, 22), //     targetPort: [9090] (the orders container declares 8080)
    d('ingress-backend-missing', 26, 26, 30), //   number: [8080] (Service web has only port 80)
    d('missing-config-ref', 45, 23, 33), //        key: [LOG_FORMAT] (orders-config has only LOG_LEVEL)
  ],
  'k8s/storage.yaml': [
    d('probe-port', 27, 20, 25, E), //       port: [admin] (the container declares only http)
    d('pvc-in-deployment', 42, 23, 36), //   claimName: [uploads-files] (replicas: 3)
    d('hostpath-volume', 44, 10, 18), //     [hostPath]:
  ],
  'k8s/config.yaml': [
    d('secret-in-configmap', 6, 2, 13), //  [DB_PASSWORD]: s3cr3t-Passw0rd
    d('hardcoded-config', 34, 21, 58), //   value: [https://payments.prod.example.com/api]
  ],
};

export const EXPECTED: Readonly<Record<string, readonly Expected[]>> = Object.fromEntries(
  Object.entries(ALL_EXPECTED).map(([file, list]) => [file, list.filter((e) => RULE_IDS.has(e.rule))]),
);

/**
 * Fixture files that follow the guide: no rule may report anything on them (a `.dockerignore`
 * sits next to clean/Dockerfile, whose `COPY . .` it covers).
 */
export const CLEAN_FILES: readonly string[] = ['clean/Dockerfile', 'clean/deployment.yaml', 'k8s/job.yaml'];

/**
 * Per language, a problem to add at the end of a document to see the server answer for it: the
 * text (for a document that ends with a line break), the one rule it trips, and where, counted from
 * the first line of the added text.
 */
export const KNOWN_PROBLEM: Readonly<Record<string, { text: string; rule: string; line: number; start: number; end: number }>> = {
  dockerfile: { text: 'ADD start.sh /usr/local/bin/start.sh\n', rule: 'add-instead-of-copy', line: 0, start: 0, end: 3 }, // [ADD] start.sh …
  // A Namespace: no object the checks across files read, so adding it changes no other finding.
  yaml: {
    text: '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: probe\n  labelz:\n    team: web\n',
    rule: 'schema',
    line: 5, //                                   [labelz]: (a typo of labels)
    start: 2,
    end: 8,
  },
};

/** Secret values written in the fixtures: no message may repeat them. */
export const SECRET_VALUES = ['hunter2-very-secret', 'tok-9f8e7d6c5b4a', 's3cr3t-Passw0rd'];

/** The rule ids of a file's expected diagnostics. */
export function rulesOf(file: string): string[] {
  return EXPECTED[file].map((e) => e.rule);
}

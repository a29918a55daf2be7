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

const { Error: E, Warning: W } = vscode.DiagnosticSeverity;

function d(rule: string, line: number, start: number, end: number, severity = W): Expected {
  return { rule, line, start, end, severity };
}

/**
 * The expected diagnostics per fixture file (path relative to the workspace), for every rule that
 * exists somewhere: `EXPECTED` keeps those of the rules this build registers, so that a rule from
 * a branch not merged yet is checked as soon as it is.
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
  'k8s/app.yaml': [
    d('missing-liveness-probe', 15, 16, 19), //   - name: [web]
    d('missing-readiness-probe', 15, 16, 19),
    d('untagged-image', 16, 17, 22), //           image: [nginx]
    d('plaintext-secret', 21, 21, 39), //         value: ["tok-9f8e7d6c5b4a"]
    d('latest-tag', 23, 23, 29), //               image: redis:[latest]
    d('loadbalancer-cost', 36, 8, 20), //         type: [LoadBalancer]
  ],
  'k8s/broken.yaml': [
    d('syntax', 12, 0, 1, E), //                  the [-]-- after the unclosed flow collection
    d('missing-liveness-probe', 19, 12, 18), //   - name: [worker] (the Pod after the broken document)
    d('missing-readiness-probe', 19, 12, 18),
  ],
  'k8s/typo.yaml': [
    d('missing-readiness-probe', 15, 16, 19), //  - name: [api]
    d('schema', 23, 10, 23, E), //                [readinesProbe]: (a typo)
  ],
};

export const EXPECTED: Readonly<Record<string, readonly Expected[]>> = Object.fromEntries(
  Object.entries(ALL_EXPECTED).map(([file, list]) => [file, list.filter((e) => RULE_IDS.has(e.rule))]),
);

/** Secret values written in the fixtures: no message may repeat them. */
export const SECRET_VALUES = ['hunter2-very-secret', 'tok-9f8e7d6c5b4a'];

/** The rule ids of a file's expected diagnostics. */
export function rulesOf(file: string): string[] {
  return EXPECTED[file].map((e) => e.rule);
}

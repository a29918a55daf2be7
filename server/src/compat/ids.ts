/**
 * The checks of other tools that Kube Ready rules share, by the other tool's id. It decides what a
 * hadolint, kube-linter or kube-score ignore silences here, and docs/compatibility.md is checked
 * against it. Only real overlaps are listed: a check that looks at something else, or asks for more
 * than a rule does, is left out.
 *
 * When another tool splits one rule into several checks (hadolint's DL3008 is apt, DL3018 apk), the
 * check covers only the rule's findings with the matching aspects (`Finding.aspects`).
 */
import type { Finding } from '../findings';

export type Tool = 'hadolint' | 'kube-linter' | 'kube-score' | 'checkov';

/** A rule, or the findings of a rule whose aspects are all among `aspects`. */
export interface RulePart {
  rule: string;
  aspects?: readonly string[];
}

export interface ExternalCheck {
  tool: Tool;
  id: string;
  covers: readonly RulePart[];
  /** kube-score checks of the pod: the pod template's `kube-score/ignore` annotation counts for them too. */
  podCheck?: boolean;
}

const whole = (...rules: string[]): RulePart[] => rules.map((rule) => ({ rule }));
const part = (rule: string, ...aspects: string[]): RulePart => ({ rule, aspects });

/** Aspects a finding can carry, named once so rules and the table agree. */
export const ASPECTS = {
  /** An image in `FROM` (not `COPY --from` or `RUN --mount`). */
  from: 'from',
  /** `root-user`: the final stage's last `USER` is root; the final stage sets no `USER` at all. */
  lastUser: 'last-user',
  noUser: 'no-user',
  /** `missing-resources`: what is missing is about CPU; about memory. */
  cpu: 'cpu',
  memory: 'memory',
  /** `plaintext-secret`: the variable's name contains "secret"; its name says secret otherwise; only its value does. */
  secretName: 'secret-name',
  name: 'name',
  value: 'value',
} as const;

const { from, lastUser, noUser, cpu, memory, secretName, name } = ASPECTS;

export const EXTERNAL_CHECKS: readonly ExternalCheck[] = [
  { tool: 'hadolint', id: 'DL3002', covers: [part('root-user', lastUser)] },
  { tool: 'hadolint', id: 'DL3006', covers: [part('untagged-image', from)] },
  { tool: 'hadolint', id: 'DL3007', covers: [part('latest-tag', from)] },
  { tool: 'hadolint', id: 'DL3008', covers: [part('unpinned-package', 'apt')] },
  { tool: 'hadolint', id: 'DL3009', covers: whole('apt-lists-not-cleaned') },
  { tool: 'hadolint', id: 'DL3013', covers: [part('unpinned-package', 'pip')] },
  { tool: 'hadolint', id: 'DL3015', covers: whole('apt-no-install-recommends') },
  { tool: 'hadolint', id: 'DL3016', covers: [part('unpinned-package', 'npm')] },
  { tool: 'hadolint', id: 'DL3018', covers: [part('unpinned-package', 'apk')] },
  { tool: 'hadolint', id: 'DL3019', covers: whole('apk-no-cache') },
  { tool: 'hadolint', id: 'DL3020', covers: whole('add-instead-of-copy') },
  { tool: 'hadolint', id: 'DL3026', covers: [part('untrusted-registry', from)] },
  { tool: 'hadolint', id: 'DL3028', covers: [part('unpinned-package', 'gem')] },
  { tool: 'hadolint', id: 'DL3042', covers: whole('pip-no-cache-dir') },
  { tool: 'hadolint', id: 'DL3064', covers: [part('plaintext-secret', secretName, name)] },
  { tool: 'kube-linter', id: 'dangling-ingress', covers: whole('ingress-backend-missing') },
  { tool: 'kube-linter', id: 'dangling-service', covers: whole('service-selects-nothing') },
  { tool: 'kube-linter', id: 'env-value-from', covers: whole('missing-config-ref') },
  { tool: 'kube-linter', id: 'env-var-secret', covers: [part('plaintext-secret', secretName)] },
  { tool: 'kube-linter', id: 'latest-tag', covers: whole('latest-tag', 'untagged-image') },
  { tool: 'kube-linter', id: 'liveness-port', covers: [part('probe-port', 'livenessProbe')] },
  { tool: 'kube-linter', id: 'mismatching-selector', covers: whole('selector-mismatch') },
  { tool: 'kube-linter', id: 'no-liveness-probe', covers: whole('missing-liveness-probe') },
  { tool: 'kube-linter', id: 'no-readiness-probe', covers: whole('missing-readiness-probe') },
  { tool: 'kube-linter', id: 'readiness-port', covers: [part('probe-port', 'readinessProbe')] },
  { tool: 'kube-linter', id: 'schema-validation', covers: whole('schema') },
  { tool: 'kube-linter', id: 'startup-port', covers: [part('probe-port', 'startupProbe')] },
  { tool: 'kube-linter', id: 'unset-cpu-requirements', covers: [part('missing-resources', cpu)] },
  { tool: 'kube-linter', id: 'unset-memory-requirements', covers: [part('missing-resources', memory)] },
  { tool: 'kube-score', id: 'container-image-tag', covers: whole('latest-tag', 'untagged-image'), podCheck: true },
  { tool: 'kube-score', id: 'container-resources', covers: whole('missing-resources'), podCheck: true },
  { tool: 'kube-score', id: 'deployment-pod-selector-labels-match-template-metadata-labels', covers: [part('selector-mismatch', 'Deployment')] },
  { tool: 'kube-score', id: 'ingress-targets-service', covers: whole('ingress-backend-missing') },
  { tool: 'kube-score', id: 'pod-probes', covers: whole('missing-liveness-probe', 'missing-readiness-probe'), podCheck: true },
  { tool: 'kube-score', id: 'service-targets-pod', covers: whole('service-selects-nothing') },
  { tool: 'kube-score', id: 'statefulset-pod-selector-labels-match-template-metadata-labels', covers: [part('selector-mismatch', 'StatefulSet')] },
  { tool: 'checkov', id: 'CKV_DOCKER_3', covers: [part('root-user', noUser)] },
  { tool: 'checkov', id: 'CKV_DOCKER_4', covers: whole('add-instead-of-copy') },
  { tool: 'checkov', id: 'CKV_DOCKER_7', covers: [part('latest-tag', from), part('untagged-image', from)] },
  { tool: 'checkov', id: 'CKV_DOCKER_8', covers: [part('root-user', lastUser)] },
  { tool: 'checkov', id: 'CKV_K8S_8', covers: whole('missing-liveness-probe') },
  { tool: 'checkov', id: 'CKV_K8S_9', covers: whole('missing-readiness-probe') },
  { tool: 'checkov', id: 'CKV_K8S_10', covers: [part('missing-resources', cpu)] },
  { tool: 'checkov', id: 'CKV_K8S_12', covers: [part('missing-resources', memory)] },
  { tool: 'checkov', id: 'CKV_K8S_13', covers: [part('missing-resources', memory)] },
  { tool: 'checkov', id: 'CKV_K8S_14', covers: whole('latest-tag', 'untagged-image') },
];

const BY_KEY = new Map(EXTERNAL_CHECKS.map((check) => [`${check.tool}:${normalId(check.tool, check.id)}`, check]));

/** hadolint and Checkov ids are upper case; hadolint accepts `dl3008` in its comments too. */
function normalId(tool: Tool, id: string): string {
  return tool === 'hadolint' || tool === 'checkov' ? id.toUpperCase() : id;
}

/** The check a tool calls `id`, or undefined for checks no rule shares (and ids that name nothing). */
export function externalCheck(tool: Tool, id: string): ExternalCheck | undefined {
  return BY_KEY.get(`${tool}:${normalId(tool, id.trim())}`);
}

/** All mapped checks of a tool (for `kube-linter.io/ignore-all` and `kube-score/ignore: "*"`). */
export function checksOf(tool: Tool): ExternalCheck[] {
  return EXTERNAL_CHECKS.filter((check) => check.tool === tool);
}

/**
 * What some checks cover together: the rule ids, and for the rules covered only in part, the
 * aspects covered. A rule one check covers whole is covered whole.
 */
export interface Coverage {
  ids: string[];
  aspects: ReadonlyMap<string, ReadonlySet<string>>;
}

export function coverage(checks: Iterable<ExternalCheck>): Coverage {
  const whole = new Set<string>();
  const partial = new Map<string, Set<string>>();
  for (const check of checks) {
    for (const { rule, aspects } of check.covers) {
      if (!aspects) {
        whole.add(rule);
        continue;
      }
      let set = partial.get(rule);
      if (!set) partial.set(rule, (set = new Set()));
      for (const aspect of aspects) set.add(aspect);
    }
  }
  for (const rule of whole) partial.delete(rule);
  return { ids: [...whole, ...partial.keys()], aspects: partial };
}

/** True when a coverage includes a finding: its rule whole, or every aspect of the finding. */
export function covers(coverage: { ids: readonly string[]; aspects?: ReadonlyMap<string, ReadonlySet<string>> }, finding: Pick<Finding, 'ruleId' | 'aspects'>): boolean {
  if (!coverage.ids.includes(finding.ruleId)) return false;
  const allowed = coverage.aspects?.get(finding.ruleId);
  if (!allowed) return true;
  return !!finding.aspects && finding.aspects.length > 0 && finding.aspects.every((aspect) => allowed.has(aspect));
}

/** The rule registry. Every rule module is listed here once; ids are public and stable. */
import { latestTag } from './latest-tag';
import { loadbalancerCost } from './loadbalancer-cost';
import { missingLivenessProbe } from './missing-liveness-probe';
import { missingReadinessProbe } from './missing-readiness-probe';
import { plaintextSecret } from './plaintext-secret';
import type { Rule } from './rule';
import { schema } from './schema';
import { syntax } from './syntax';
import { untaggedImage } from './untagged-image';

export const RULES: readonly Rule[] = [
  syntax,
  latestTag,
  untaggedImage,
  missingLivenessProbe,
  missingReadinessProbe,
  plaintextSecret,
  loadbalancerCost,
  schema,
];

const BY_ID = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export const RULE_IDS: ReadonlySet<string> = new Set(BY_ID.keys());

/** The rule registry. Every rule module is listed here once; ids are public and stable. */
import { addInsteadOfCopy } from './add-instead-of-copy';
import { apkNoCache } from './apk-no-cache';
import { aptListsNotCleaned } from './apt-lists-not-cleaned';
import { aptNoInstallRecommends } from './apt-no-install-recommends';
import { copyWithoutDockerignore } from './copy-without-dockerignore';
import { hardcodedConfig } from './hardcoded-config';
import { hostpathVolume } from './hostpath-volume';
import { ingressBackendMissing } from './ingress-backend-missing';
import { largeBaseImage } from './large-base-image';
import { latestTag } from './latest-tag';
import { loadbalancerCost } from './loadbalancer-cost';
import { logToFile } from './log-to-file';
import { missingConfigRef } from './missing-config-ref';
import { missingLivenessProbe } from './missing-liveness-probe';
import { missingReadinessProbe } from './missing-readiness-probe';
import { missingResources } from './missing-resources';
import { nakedPod } from './naked-pod';
import { nodeportRange } from './nodeport-range';
import { pipNoCacheDir } from './pip-no-cache-dir';
import { plaintextSecret } from './plaintext-secret';
import { probePort } from './probe-port';
import { pvcInDeployment } from './pvc-in-deployment';
import { rootUser } from './root-user';
import type { Rule } from './rule';
import { secretInConfigmap } from './secret-in-configmap';
import { selectorMismatch } from './selector-mismatch';
import { servicePortMismatch } from './service-port-mismatch';
import { serviceSelectsNothing } from './service-selects-nothing';
import { singleStageBuild } from './single-stage-build';
import { schema } from './schema';
import { syntax } from './syntax';
import { untaggedImage } from './untagged-image';
import { unpinnedPackage } from './unpinned-package';
import { untrustedRegistry } from './untrusted-registry';

export const RULES: readonly Rule[] = [
  syntax,
  latestTag,
  untaggedImage,
  missingLivenessProbe,
  missingReadinessProbe,
  plaintextSecret,
  loadbalancerCost,
  nakedPod,
  selectorMismatch,
  nodeportRange,
  missingResources,
  untrustedRegistry,
  rootUser,
  addInsteadOfCopy,
  copyWithoutDockerignore,
  largeBaseImage,
  singleStageBuild,
  hardcodedConfig,
  secretInConfigmap,
  pvcInDeployment,
  hostpathVolume,
  probePort,
  aptNoInstallRecommends,
  aptListsNotCleaned,
  apkNoCache,
  pipNoCacheDir,
  unpinnedPackage,
  logToFile,
  schema,
  serviceSelectsNothing,
  servicePortMismatch,
  missingConfigRef,
  ingressBackendMissing,
];

const BY_ID = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export const RULE_IDS: ReadonlySet<string> = new Set(BY_ID.keys());

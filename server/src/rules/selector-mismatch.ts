/**
 * `selector-mismatch`: a controller whose selector does not select its own pod template. The API
 * server rejects it ("selector does not match template labels"): the controller would create
 * pods it cannot see, forever.
 */
import { isMap, isScalar } from 'yaml';
import type { Fix, TextEdit } from '../findings';
import { yamlScalar } from '../kubernetes/edit';
import { mergeIntoMap, prependToMap } from '../kubernetes/insert';
import { mapSelectorRequirements, meetsRequirement, readLabelMap, readLabelSelector } from '../kubernetes/labels';
import type { LabelMap, LabelRequirement } from '../kubernetes/labels';
import type { KubeFile, Manifest, YamlMap } from '../kubernetes/model';
import { getMap, mapGet, mapPair, nodeSpan } from '../kubernetes/nodes';
import type { Span } from '../text';
import type { Rule } from './rule';

export const selectorMismatch: Rule = {
  meta: {
    id: 'selector-mismatch',
    title: 'Selector does not match the pod template',
    description: "A controller's selector does not match its pod template's labels, so the API server rejects it.",
    defaultSeverity: 'error',
    appliesTo: ['kubernetes'],
    fix: 'unsafe',
  },
  checkKubernetes(context) {
    // A kustomize patch holds part of a selector or of the labels; the rest is in its base.
    if (context.isPatch) return;
    const file = context.model;
    for (const manifest of file.manifests) {
      const target = selectorOf(file, manifest);
      if (!target) continue;
      const kind = manifest.kind.value;
      const name = manifest.name ? `${kind} ${manifest.name.value}` : `This ${kind}`;
      const rejected = `the API server rejects the ${kind} ("selector does not match template labels")`;
      const unmet = target.requirements.filter((requirement) => !meetsRequirement(requirement, target.labels));
      if (unmet.length === 0) continue;
      if (target.labels.size === 0) {
        const labelFix = addLabelsFix(file, target, unmet);
        context.report({
          ...target.selectorKey,
          message: `${name} has a selector but its pod template has no labels: ${rejected}. Give the template the labels the selector asks for.`,
          fixes: labelFix ? [labelFix] : [],
          aspects: [kind],
        });
        continue;
      }
      for (const requirement of unmet) {
        context.report({
          ...requirement.span,
          message: `${name} selects ${describe(requirement)}, ${found(requirement, target.labels)}: ${rejected}. Make the selector and the template labels agree.`,
          fixes: fixesFor(file, target, requirement),
          aspects: [kind],
        });
      }
    }
  },
};

/** A controller's selector, read exactly, and the pod template it must select. */
interface SelectorTarget {
  manifest: Manifest;
  /** The `selector` key, where a missing set of template labels is reported. */
  selectorKey: Span;
  requirements: LabelRequirement[];
  /** `spec.template`. */
  template: YamlMap;
  labels: LabelMap;
}

/** The kinds whose `spec.selector` must select `spec.template`, by API group. */
const LABEL_SELECTOR_KINDS: Record<string, ReadonlySet<string>> = {
  apps: new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']),
  extensions: new Set(['Deployment', 'DaemonSet', 'ReplicaSet']),
};

/**
 * The selector of a controller and its template's labels; null for other objects, for a Job
 * that lets Kubernetes write its selector, for a ReplicationController without a selector (it
 * defaults to the template's labels), and for anything that cannot be read exactly.
 */
function selectorOf(file: KubeFile, manifest: Manifest): SelectorTarget | null {
  const { kind, group } = manifest;
  const spec = getMap(manifest.node, 'spec');
  const selectorPair = mapPair(spec, 'selector');
  const template = getMap(spec, 'template');
  if (!spec || !selectorPair?.key.range || !template) return null;
  const doc = manifest.document.doc;
  let requirements: LabelRequirement[] | null;
  if (LABEL_SELECTOR_KINDS[group]?.has(kind.value)) {
    requirements = readLabelSelector(selectorPair.value, doc, file.text);
  } else if (group === 'batch' && kind.value === 'Job') {
    const manual = mapGet(spec, 'manualSelector');
    if (!isScalar(manual) || manual.value !== true) return null;
    requirements = readLabelSelector(selectorPair.value, doc, file.text);
  } else if (group === '' && kind.value === 'ReplicationController') {
    const map = readLabelMap(selectorPair.value, doc, file.text);
    requirements = map ? mapSelectorRequirements(map) : null;
  } else {
    return null;
  }
  const labels = readLabelMap(mapGet(getMap(template, 'metadata'), 'labels'), doc, file.text);
  // An empty selector is another error (the API server says so itself).
  if (!requirements || requirements.length === 0 || !labels) return null;
  return { manifest, selectorKey: nodeSpan(selectorPair.key), requirements, template, labels };
}

/** The requirement in plain words: `app: web`, `tier in (a, b)`, `pods without a tier label`. */
function describe(requirement: LabelRequirement): string {
  const { key, operator, values } = requirement;
  switch (operator) {
    case 'In':
      return values.length === 1 ? `${key}: ${values[0]}` : `${key} in (${values.join(', ')})`;
    case 'NotIn':
      return `${key} not in (${values.join(', ')})`;
    case 'Exists':
      return `any pod with a ${key} label`;
    case 'DoesNotExist':
      return `pods without a ${key} label`;
  }
}

/** What the template has instead. */
function found(requirement: LabelRequirement, labels: LabelMap): string {
  const label = labels.get(requirement.key);
  return label ? `but its pod template has ${requirement.key}: ${label.value.value}` : `but its pod template has no ${requirement.key} label`;
}

/** "Add … to the template labels" for a missing label, or both ways of agreeing on a different value. */
function fixesFor(file: KubeFile, target: SelectorTarget, requirement: LabelRequirement): Fix[] {
  if (requirement.operator !== 'In' || requirement.values.length !== 1) return [];
  const wanted = requirement.values[0];
  const label = target.labels.get(requirement.key);
  if (!label) {
    const add = addLabelsFix(file, target, [requirement]);
    return add ? [add] : [];
  }
  const fixes: Fix[] = [];
  if (labelsWrittenInTemplate(target)) {
    fixes.push({
      title: `Change the template label ${requirement.key} to ${wanted}`,
      safety: 'unsafe',
      preferred: true,
      edits: [{ ...label.value.range, newText: yamlScalar(wanted) }],
    });
  }
  const selectorValue = selectorValueSpan(target, requirement);
  if (selectorValue) {
    fixes.push({
      title: `Change the selector to ${requirement.key}: ${label.value.value}`,
      safety: 'unsafe',
      edits: [{ ...selectorValue, newText: yamlScalar(label.value.value) }],
    });
  }
  return fixes;
}

/** The value of a `matchLabels` (or plain map selector) entry, when it is written in place (not through an alias). */
function selectorValueSpan(target: SelectorTarget, requirement: LabelRequirement): Span | null {
  if (!requirement.fromMatchLabels) return null;
  const selector = getMap(getMap(target.manifest.node, 'spec'), 'selector');
  const map = target.manifest.kind.value === 'ReplicationController' ? selector : getMap(selector, 'matchLabels');
  const value = mapGet(map, requirement.key);
  return isScalar(value) && value.range ? nodeSpan(value) : null;
}

/** True when the template's labels are written in the template itself (not through an alias), so they can be edited there. */
function labelsWrittenInTemplate(target: SelectorTarget): boolean {
  return isMap(mapGet(getMap(target.template, 'metadata'), 'labels'));
}

/**
 * "Add app: web to the template labels" for unmet `In` requirements with one value each,
 * creating `labels` and `metadata` in the template when they are missing. Null when a
 * requirement has no single value to write, or the template cannot be edited in place.
 */
function addLabelsFix(file: KubeFile, target: SelectorTarget, requirements: readonly LabelRequirement[]): Fix | null {
  const entries: Record<string, string> = {};
  for (const r of requirements) {
    if (r.operator !== 'In' || r.values.length !== 1) return null;
    entries[r.key] = r.values[0];
  }
  let edits: TextEdit[] | null;
  if (mapPair(target.template, 'metadata')) {
    edits = mergeIntoMap(file, target.template, { metadata: { labels: entries } });
  } else {
    const edit = prependToMap(file, target.template, { metadata: { labels: entries } });
    edits = edit ? [edit] : null;
  }
  if (!edits) return null;
  const list = Object.entries(entries).map(([k, v]) => `${k}: ${v}`).join(', ');
  return { title: `Add ${list} to the template labels`, safety: 'unsafe', preferred: true, edits };
}

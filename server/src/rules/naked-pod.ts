/**
 * `naked-pod`: a Pod created on its own. No controller watches it, so when its node fails or it
 * is evicted it is gone for good. The fix wraps it in a Deployment (or a Job, for a Pod that is
 * not restarted), keeping the pod spec's text, comments and all, two levels deeper.
 */
import { isMap } from 'yaml';
import type { Fix, TextEdit } from '../findings';
import { columnOf, renderMapping, yamlStyle } from '../kubernetes/edit';
import type { YamlValue } from '../kubernetes/edit';
import { readLabelMap } from '../kubernetes/labels';
import type { LabelMap } from '../kubernetes/labels';
import type { KubeFile, Manifest } from '../kubernetes/model';
import { getSeq, getString, mapGet, mapPair } from '../kubernetes/nodes';
import { IGNORE_ANNOTATION } from '../kubernetes/suppress';
import { endOfLine, nextLineStart } from '../text';
import type { Rule } from './rule';

/** The annotation Helm puts on hook and test Pods, which are one-off by design. */
const HELM_HOOK = 'helm.sh/hook';

export const nakedPod: Rule = {
  meta: {
    id: 'naked-pod',
    title: 'Pod without a controller',
    description: 'A Pod created on its own is not replaced when its node fails or it is evicted; a Deployment (or a Job for one-off work) would start a new one.',
    defaultSeverity: 'warning',
    appliesTo: ['kubernetes'],
    fix: 'unsafe',
  },
  checkKubernetes(context) {
    if (context.isPatch) return;
    const file = context.model;
    for (const manifest of file.manifests) {
      if (manifest.kind.value !== 'Pod' || manifest.group !== '' || isManaged(manifest, file.text)) continue;
      const policy = manifest.podSpec?.restartPolicy?.value;
      const oneOff = policy === 'Never' || policy === 'OnFailure';
      const name = manifest.name?.value ?? 'this Pod';
      // A Deployment accepts only `Always`, a Job only the other two: any other value gets no fix.
      const fix = oneOff ? wrapFix(file, manifest, 'Job') : policy === undefined || policy === 'Always' ? wrapFix(file, manifest, 'Deployment') : null;
      context.report({
        ...manifest.kind.range,
        message: oneOff
          ? `Pod ${name} has no controller: if its node fails or it is evicted before it finishes, nothing starts it again. Run one-off work as a Job, which starts a new pod when one is lost.`
          : `Pod ${name} has no controller: if its node fails or it is evicted, nothing starts it again. Run it from a Deployment, which replaces lost pods.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};

/**
 * True for a Pod that something else manages: it names an owner (a Pod read back from a
 * cluster), it is a Helm hook or test Pod, or it is a static Pod for the kubelet.
 */
function isManaged(pod: Manifest, text: string): boolean {
  if ((getSeq(pod.metadata, 'ownerReferences')?.items.length ?? 0) > 0) return true;
  return pod.annotations.has(HELM_HOOK) || isStaticPod(pod, text);
}

/**
 * A static Pod: a control-plane component (etcd, the API server, a proxy next to it) that the
 * kubelet of one node runs from a file on that node and restarts itself. Such Pods sit in
 * kube-system on the node's own network.
 */
function isStaticPod(pod: Manifest, text: string): boolean {
  return pod.namespace === 'kube-system' && getString(pod.podSpec?.node, 'hostNetwork', text)?.value === 'true';
}

type Controller = 'Deployment' | 'Job';

const API_VERSIONS: Record<Controller, string> = { Deployment: 'apps/v1', Job: 'batch/v1' };

/**
 * "Wrap in a Deployment" / "Wrap in a Job": rewrites the object in place. Its metadata stays;
 * its labels (and annotations) are copied to the pod template; its spec moves under
 * `spec.template.spec`, every line indented two levels more. A Pod without labels gets
 * `app: <name>` in the template, which the Deployment's selector needs.
 */
function wrapFix(file: KubeFile, pod: Manifest, controller: Controller): Fix | null {
  const text = file.text;
  const doc = pod.document.doc;
  const specPair = mapPair(pod.node, 'spec');
  const spec = specPair?.value as { anchor?: string; tag?: string; range?: [number, number, number] } | null;
  const specKey = specPair?.key.range;
  if (pod.node.flow || !pod.name || !specKey || !isMap(spec) || spec.flow || spec.items.length === 0 || spec.anchor || spec.tag || !spec.range) return null;
  const labels = readLabelMap(mapGet(pod.metadata, 'labels'), doc, text);
  const annotations = readLabelMap(mapGet(pod.metadata, 'annotations'), doc, text);
  if (!labels || !annotations) return null;

  const style = yamlStyle(file);
  const templateLabels = labels.size > 0 ? plain(labels) : controller === 'Deployment' ? { app: pod.name.value } : {};
  const templateAnnotations = plain(annotations, IGNORE_ANNOTATION);
  const metadata: Record<string, YamlValue> = {};
  if (Object.keys(templateLabels).length > 0) metadata.labels = templateLabels;
  if (Object.keys(templateAnnotations).length > 0) metadata.annotations = templateAnnotations;
  const template: Record<string, YamlValue> = Object.keys(metadata).length > 0 ? { metadata } : {};
  const before: Record<string, YamlValue> = controller === 'Deployment' ? { replicas: 1, selector: { matchLabels: templateLabels } } : {};

  const pad = ' '.repeat(style.unit);
  const header = [
    ...renderMapping(before, style),
    'template:',
    ...renderMapping(template, style).map((line) => pad + line),
    `${pad}spec:`,
  ];
  const base = ' '.repeat(columnOf(text, specKey[0]) + style.unit);
  const from = endOfLine(text, specKey[1]);
  let contentEnd = spec.range[1];
  while (contentEnd > from && /\s/.test(text[contentEnd - 1])) contentEnd--;
  // The edit takes the line break after the spec's last line too: another fix that appends to a
  // map inside the spec inserts before that break, so the engine sees the two fixes overlap and
  // never applies it at its old indentation.
  const to = nextLineStart(text, contentEnd);
  const body = text.slice(from, to).replace(/(\r\n|\r|\n)(?=[^\r\n])/g, `$1${pad}${pad}`);
  const edits: TextEdit[] = [
    { start: pod.apiVersion.range.start, end: pod.apiVersion.range.end, newText: API_VERSIONS[controller] },
    { start: pod.kind.range.start, end: pod.kind.range.end, newText: controller },
    { start: from, end: to, newText: style.eol + header.map((line) => base + line).join(style.eol) + body },
  ];
  // At the end of a file without a final line break, the same is done by inserting that break.
  if (to === text.length && !/[\r\n]$/.test(text)) edits.push({ start: to, end: to, newText: style.eol });
  return { title: `Wrap in a ${controller}`, safety: 'unsafe', preferred: true, edits };
}

/** A label map as plain entries, without `skip`. */
function plain(map: LabelMap, skip?: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, entry] of map) if (key !== skip) result[key] = entry.value.value;
  return result;
}

/**
 * Helpers of the rules that look at other files' objects (Services, their pods, the ConfigMaps and
 * Secrets pods read): related locations that may lie in another file, and label selection over the
 * workspace index.
 */
import type { RelatedLocation } from '../findings';
import type { Span } from '../text';
import { CONTROLLER_LABELS, fileObjects } from '../workspace/objects';
import type { PodTemplateFact } from '../workspace/objects';
import type { KubernetesContext } from './rule';

/**
 * A related location at `span` of an object of the workspace index (`owner`: the pod template,
 * Service, ConfigMap or Secret it belongs to): in the checked file when the object's path is the
 * checked file's, otherwise with the other file's path. Documents without a path (untitled ones)
 * cannot be told apart by path: there, only the checked file's own objects are pointed at, and
 * null is returned for the others.
 */
export function relatedAt(context: KubernetesContext, owner: { path: string | undefined }, span: Span, message: string): RelatedLocation | null {
  const location = { start: span.start, end: span.end, message };
  if (owner.path !== undefined) return owner.path === context.path ? location : { ...location, path: owner.path };
  if (context.path !== undefined) return null;
  const own = fileObjects(context.model, context.path);
  const isOwn = [own.podTemplates, own.services, own.configs].some((list: readonly object[]) => list.includes(owner));
  return isOwn ? location : null;
}

/** The non-null related locations (see `relatedAt`), at most `limit` of them. */
export function relatedList(locations: readonly (RelatedLocation | null)[], limit = 5): RelatedLocation[] {
  return locations.filter((l): l is RelatedLocation => l !== null).slice(0, limit);
}

/**
 * True when a Service's selector may select a pod template's pods: every label matches, labels the
 * controllers add to pods themselves (`pod-template-hash`, `statefulset.kubernetes.io/pod-name`…)
 * count as present, and a template whose labels cannot be read may match anything.
 */
export function selects(selector: Readonly<Record<string, string>>, template: PodTemplateFact): boolean {
  const labels = template.labels;
  if (labels === null) return true;
  return Object.entries(selector).every(([key, value]) => labels[key] === value || CONTROLLER_LABELS.has(key));
}

/** `app: web, tier: api`. */
export function labelList(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels).map(([key, value]) => `${key}: ${value}`).join(', ');
}

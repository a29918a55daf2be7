/**
 * Helpers of the rules that look at other files' objects (Services, their pods, the ConfigMaps and
 * Secrets pods read): related locations that may lie in another file, and label selection over the
 * workspace index.
 */
import type { RelatedLocation } from '../findings';
import type { Span } from '../text';
import { CONTROLLER_LABELS } from '../workspace/objects';
import type { PodTemplateFact } from '../workspace/objects';

/**
 * A related location at an object of the workspace index: in the checked file when the object's
 * path is the checked file's, otherwise with the other file's path. Null for an object of another
 * document without a path (an untitled one), which cannot be pointed at.
 */
export function relatedAt(checkedPath: string | undefined, at: Span & { path: string | undefined }, message: string): RelatedLocation | null {
  const location = { start: at.start, end: at.end, message };
  if (at.path === checkedPath) return location;
  return at.path === undefined ? null : { ...location, path: at.path };
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

/**
 * kube-linter's and kube-score's ignore annotations, honoured like `kubeready.dev/ignore`: they
 * cover the object that carries them.
 * - `ignore-check.kube-linter.io/<check>: "<reason>"` and `kube-linter.io/ignore-all`, read from the
 *   object's own metadata, as kube-linter reads them;
 * - `kube-score/ignore: <check>[,<check>…]` (`*` for all), read from the object's metadata and,
 *   for kube-score's pod checks, from the pod template's metadata too, as kube-score reads them.
 */
import type { Manifest } from '../kubernetes/model';
import { getMap, getString } from '../kubernetes/nodes';
import type { StringValue } from '../kubernetes/nodes';
import type { IgnoreDirective } from '../suppress';
import { checksOf, coverage, externalCheck } from './ids';
import type { ExternalCheck } from './ids';

const KUBE_LINTER_PREFIX = 'ignore-check.kube-linter.io/';
const KUBE_LINTER_ALL = 'kube-linter.io/ignore-all';
const KUBE_SCORE_IGNORE = 'kube-score/ignore';

/**
 * What other tools' annotations ignore on a manifest, as one directive over the whole object (so
 * that two annotations together cover a finding about both their parts); null when nothing.
 */
export function foreignAnnotationIgnore(manifest: Manifest, text: string): IgnoreDirective | null {
  const found: { annotation: StringValue; checks: ExternalCheck[] }[] = [];
  for (const [key, annotation] of manifest.annotations) {
    if (key === KUBE_LINTER_ALL) found.push({ annotation, checks: checksOf('kube-linter') });
    else if (key.startsWith(KUBE_LINTER_PREFIX)) found.push({ annotation, checks: known('kube-linter', [key.slice(KUBE_LINTER_PREFIX.length)]) });
    else if (key === KUBE_SCORE_IGNORE) found.push({ annotation, checks: kubeScoreChecks(annotation.value) });
  }
  const template = templateIgnore(manifest, text);
  if (template) found.push({ annotation: template, checks: kubeScoreChecks(template.value).filter((check) => check.podCheck) });
  const used = found.filter((f) => f.checks.length > 0);
  if (used.length === 0) return null;
  const { ids, aspects } = coverage(used.flatMap((f) => f.checks));
  const comment = used[0].annotation.range;
  return { ids, aspects, foreign: true, comment, idsEnd: comment.end, target: manifest.range };
}

/** The mapped checks among some ids of a tool. */
function known(tool: 'kube-linter' | 'kube-score', ids: readonly string[]): ExternalCheck[] {
  return ids.map((id) => externalCheck(tool, id)).filter((c): c is ExternalCheck => c !== undefined);
}

/** The checks a `kube-score/ignore` value names: a comma-separated list, `*` for all. */
function kubeScoreChecks(value: string): ExternalCheck[] {
  const ids = value.split(',').map((id) => id.trim());
  return ids.includes('*') ? checksOf('kube-score') : known('kube-score', ids);
}

/** The `kube-score/ignore` annotation of a workload's pod template (not of a Pod, whose metadata is its own). */
function templateIgnore(manifest: Manifest, text: string): StringValue | null {
  const metadata = manifest.podSpec?.metadata;
  if (!metadata || metadata === manifest.metadata) return null;
  return getString(getMap(metadata, 'annotations'), KUBE_SCORE_IGNORE, text);
}

/**
 * `plaintext-secret`: a secret written as a literal environment value, in a pod spec or baked
 * into an image with ENV / an ARG default. Messages never contain the value.
 */
import { ASPECTS } from '../compat/ids';
import { ruleOptions } from '../config/options';
import type { Instruction, KeyValue } from '../dockerfile/model';
import { shippedStages } from '../dockerfile/stage-graph';
import type { Fix, TextEdit } from '../findings';
import { valueFromEdit } from '../kubernetes/env';
import type { EnvVar, KubeFile, Manifest } from '../kubernetes/model';
import { getMap, mapPair } from '../kubernetes/nodes';
import { lineStartOf, nextLineStart } from '../text';
import type { DockerfileContext, KubernetesContext, Rule } from './rule';
import { extraSecretWords, isSecretName, kebabCase, secretReason } from './secrets';
import type { ExtraSecretWords } from './secrets';

export const plaintextSecret: Rule = {
  meta: {
    id: 'plaintext-secret',
    title: 'Secret in plain text',
    description: 'A password, token or key is written as a literal environment value, readable by anyone who can read the file or the image.',
    defaultSeverity: 'warning',
    appliesTo: ['dockerfile', 'kubernetes'],
    fix: 'unsafe',
  },
  checkKubernetes: checkManifests,
  checkDockerfile: checkDockerfile,
};

/** The rule's `secretWords` option. */
function extraWords(context: KubernetesContext | DockerfileContext): ExtraSecretWords {
  return extraSecretWords(ruleOptions(context.config.ruleOptions, 'plaintext-secret').secretWords);
}

function checkManifests(context: KubernetesContext): void {
  const file = context.model;
  const extra = extraWords(context);
  for (const manifest of file.manifests) {
    for (const container of manifest.podSpec?.containers ?? []) {
      for (const env of container.env) {
        if (!env.name || !env.value || env.valueFrom !== null || typeof env.value.node.value !== 'string') continue;
        const reason = secretReason(env.name.value, env.value.value, 'kubernetes', extra);
        if (!reason) continue;
        const ref = secretRef(file, manifest, env.name.value);
        const where = ref.existing
          ? `reference the Secret ${ref.name} with secretKeyRef`
          : `create a Secret outside the repository (kubectl create secret generic ${ref.name} --from-literal=${ref.key}=…) and reference it with secretKeyRef`;
        const fix = secretKeyRefFix(file, env, ref);
        context.report({
          ...env.value.range,
          message: `${env.name.value} holds a secret in plain text (${reason}): anyone who can read this file, its git history or the object can read it. Instead, ${where}.`,
          fixes: fix ? [fix] : [],
          aspects: secretAspects(env.name.value),
        });
      }
    }
  }
}

interface SecretRef {
  name: string;
  key: string;
  /** The Secret is defined in the same file with that key. */
  existing: boolean;
}

/** The Secret to reference: one in the same file that has a matching key, else `<workload>-secrets`. */
function secretRef(file: KubeFile, workload: Manifest, variable: string): SecretRef {
  const candidates = [variable, kebabCase(variable), variable.toLowerCase()];
  for (const manifest of file.manifests) {
    if (manifest.kind.value !== 'Secret' || !manifest.name) continue;
    for (const section of ['data', 'stringData']) {
      const map = getMap(manifest.node, section);
      const key = candidates.find((k) => mapPair(map, k));
      if (key) return { name: manifest.name.value, key, existing: true };
    }
  }
  return { name: `${workload.name?.value ?? 'app'}-secrets`, key: kebabCase(variable), existing: false };
}

/** Replaces `value: …` with `valueFrom.secretKeyRef`, in the env entry's own style (block or flow). */
function secretKeyRefFix(file: KubeFile, env: EnvVar, ref: SecretRef): Fix | null {
  const edit = valueFromEdit(file, env, { kind: 'secretKeyRef', name: ref.name, key: ref.key });
  if (!edit) return null;
  return { title: `Read ${env.name?.value ?? 'it'} from Secret ${ref.name} (key ${ref.key})`, safety: 'unsafe', preferred: true, edits: [edit] };
}

function checkDockerfile(context: DockerfileContext): void {
  const finalStages = shippedStages(context.model);
  const extra = extraWords(context);
  for (const instruction of context.model.instructions) {
    if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
    for (const pair of instruction.pairs) {
      if (pair.value === null || !pair.valueRange) continue;
      const reason = secretReason(pair.key, pair.value, 'dockerfile', extra);
      if (!reason) continue;
      const stage = context.model.stages[instruction.stage];
      const what = stage && !finalStages.has(stage.index)
        ? `${instruction.keyword} ${pair.key} sets a secret in build stage ${stage.name ?? stage.index} (${reason}): the final image does not keep it, but this file and the build cache do.`
        : instruction.keyword === 'ENV'
          ? `ENV ${pair.key} bakes a secret into the image (${reason}): anyone who can pull the image can read it with docker inspect.`
          : `ARG ${pair.key} has a secret default (${reason}): build arguments are kept in the image history.`;
      const fix: Fix = instruction.keyword === 'ENV'
        ? { title: `Remove ${pair.key} from the image (inject it at run time instead)`, safety: 'unsafe', preferred: true, edits: [removePair(context.text, instruction, pair)] }
        : { title: `Remove the default of ${pair.key} (pass it with a build secret)`, safety: 'unsafe', preferred: true, edits: [{ start: pair.keyRange.end, end: pair.range.end, newText: '' }] };
      context.report({
        ...pair.valueRange,
        message: `${what} Inject it at run time from a Kubernetes Secret; for a build step, use RUN --mount=type=secret.`,
        fixes: [fix],
        aspects: secretAspects(pair.key),
      });
    }
  }
}

/**
 * What makes the finding a secret, as other tools see it: a name with "secret" in it (kube-linter's
 * env-var-secret), another secret-like name (hadolint's DL3064), or only the value.
 */
function secretAspects(name: string): string[] {
  if (/secret/i.test(name)) return [ASPECTS.secretName];
  return [isSecretName(name) ? ASPECTS.name : ASPECTS.value];
}

/** Removes one pair of an ENV instruction, or the whole instruction when it is the only one. */
function removePair(text: string, instruction: Instruction, pair: KeyValue): TextEdit {
  const pairs = instruction.pairs;
  const index = pairs.indexOf(pair);
  if (pairs.length === 1) {
    return { start: lineStartOf(text, instruction.range.start), end: nextLineStart(text, instruction.range.end), newText: '' };
  }
  if (index < pairs.length - 1) return { start: pair.range.start, end: pairs[index + 1].range.start, newText: '' };
  return { start: pairs[index - 1].range.end, end: pair.range.end, newText: '' };
}

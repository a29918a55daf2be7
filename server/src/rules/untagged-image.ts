import { fileTags, imageAspects, imagesOf, knownTags, movingImageConsequence, pinFixes } from './image-pins';
import type { DockerfileContext, KubernetesContext, Rule } from './rule';

export const untaggedImage: Rule = {
  meta: {
    id: 'untagged-image',
    title: 'Image without a tag',
    description: 'An image has neither tag nor digest, so it means `latest` and changes with every release.',
    defaultSeverity: 'warning',
    appliesTo: ['dockerfile', 'kubernetes'],
    fix: 'unsafe',
  },
  checkDockerfile: check,
  checkKubernetes: check,
};

function check(context: DockerfileContext | KubernetesContext): void {
  const images = imagesOf(context.model);
  const tags = fileTags(images);
  for (const image of images) {
    const { occurrence } = image;
    const ref = occurrence.ref;
    if (ref.tag !== null || ref.digest !== null) continue;
    context.report({
      ...occurrence.shown(0, ref.nameEnd),
      message: `${ref.name} has no tag, so it means latest: ${movingImageConsequence(context, image)}. Pin a version tag or a digest.`,
      fixes: pinFixes(ref.name, knownTags(ref.canonical, tags, context.workspace), occurrence.written(ref.nameEnd, ref.nameEnd), ':'),
      aspects: imageAspects(image),
    });
  }
}

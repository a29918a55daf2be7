import { fileTags, imageAspects, imagesOf, knownTags, movingImageConsequence, pinFixes } from './image-pins';
import type { DockerfileContext, KubernetesContext, Rule } from './rule';

export const latestTag: Rule = {
  meta: {
    id: 'latest-tag',
    title: 'Image tagged latest',
    description: 'An image uses the `latest` tag, which moves with every release, so builds and rollouts are not repeatable.',
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
    if (ref.tag !== 'latest') continue;
    context.report({
      ...occurrence.shown(ref.tagStart, ref.tagEnd),
      message: ref.digest
        ? `${ref.name}:latest is pinned by its digest, but the tag latest tells readers it follows every new release. Name the version the digest points to.`
        : `${ref.name}:latest follows every new release: ${movingImageConsequence(context, image)}. Pin a version tag or a digest.`,
      fixes: pinFixes(ref.name, knownTags(ref.canonical, tags, context.workspace), occurrence.written(ref.tagStart, ref.tagEnd), ''),
      aspects: imageAspects(image),
    });
  }
}

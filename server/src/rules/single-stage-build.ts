/**
 * `single-stage-build`: the final image is a build toolchain (a compiler image, or a Node.js or
 * JDK image that builds the app) and no separate runtime stage exists.
 */
import { finalImage, finalToolchain } from './base-images';
import type { Rule } from './rule';

export const singleStageBuild: Rule = {
  meta: {
    id: 'single-stage-build',
    title: 'Build toolchain in the final image',
    description: 'The final stage of a Dockerfile runs on a build toolchain image, so compilers, caches and sources ship with the app.',
    defaultSeverity: 'warning',
    appliesTo: ['dockerfile'],
    fix: 'none',
  },
  checkDockerfile(context) {
    const image = finalImage(context);
    const word = image?.stage.image;
    if (!image || !word) return;
    const toolchain = finalToolchain(context.model, image);
    if (!toolchain) return;
    const what = toolchain.step ? `builds the app (${toolchain.step}) on ${toolchain.image}` : `runs on ${toolchain.image}, a build toolchain`;
    context.report({
      ...word.range,
      message:
        `The final stage ${what}, so compilers, build caches and sources ship in the image you deploy: bigger pulls, slower starts, more to attack. ` +
        `Build in a first stage and copy only the result into a small runtime stage (snippet ${toolchain.snippet}).`,
    });
  },
};

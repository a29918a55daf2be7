/**
 * `single-stage-build`: the final image is a build toolchain (a compiler image, or a Node.js or
 * JDK image that builds the app) and no separate runtime stage exists.
 */
import type { DockerfileModel, Stage } from '../dockerfile/model';
import { finalImage, finalToolchain, stageToolchain } from './base-images';
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
    const builder = toolchain.step ? null : copiedStage(context.model, image.chain);
    const advice = builder
      ? `The build already happens in stage ${builder} and the final stage copies its result: base the final stage on a small runtime image instead, such as ${toolchain.runtime}.`
      : `Build in a first stage and copy only the result into a small runtime stage (snippet ${toolchain.snippet}).`;
    context.report({
      ...word.range,
      message: `The final stage ${what}, so compilers, build caches and sources ship in the image you deploy: bigger pulls, slower starts, more to attack. ${advice}`,
    });
  },
};

/** The name (or `#index`) of a build stage outside the chain (one on a toolchain) that the chain's COPY or ADD --from copies from, if any. */
function copiedStage(model: DockerfileModel, chain: readonly Stage[]): string | null {
  const inChain = new Set(chain.map((s) => s.index));
  for (const stage of chain) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      const from = instruction.flags.find((f) => f.name === 'from')?.value;
      const source = from ? stageNamed(model, from, stage.index) : null;
      if (source && !inChain.has(source.index) && stageToolchain(model, source)) return source.name ?? `#${source.index}`;
    }
  }
  return null;
}

/** The earlier stage a `--from` value names (by name or index), or null for an image. */
function stageNamed(model: DockerfileModel, reference: string, before: number): Stage | null {
  const found = /^\d+$/.test(reference) ? model.stages[Number(reference)] : model.stages.find((s) => s.name === reference.toLowerCase());
  return found && found.index < before ? found : null;
}

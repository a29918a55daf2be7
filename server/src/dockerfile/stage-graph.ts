/**
 * How the stages of a Dockerfile build on each other: `FROM <stage>` makes a chain of bases down
 * to a real image, and `COPY --from=<stage>` or `RUN --mount=from=<stage>` make a stage need
 * another one. The final stage is the image `docker build` produces without `--target`.
 */
import type { DockerfileImage } from './images';
import type { DockerfileModel, Instruction, Stage } from './model';

/** The last stage, which `docker build` produces by default; null for a file without FROM. */
export function finalStage(model: DockerfileModel): Stage | null {
  return model.stages[model.stages.length - 1] ?? null;
}

/**
 * A stage followed by the earlier stages it builds on (`FROM build AS final` -> final, build,
 * ...): the last one names a real image (or `scratch`, or an unresolved variable).
 */
export function baseChain(model: DockerfileModel, stage: Stage): Stage[] {
  const chain = [stage];
  let current = stage;
  while (current.baseStage !== null && current.baseStage < current.index) {
    current = model.stages[current.baseStage];
    chain.push(current);
  }
  return chain;
}

/** What a chain of stages starts from. */
export type BaseImage =
  | { kind: 'image'; image: DockerfileImage }
  | { kind: 'scratch' }
  /** A variable without a value, or a reference that is not a valid image name. */
  | { kind: 'unknown' };

/**
 * What a stage whose FROM does not name an earlier stage starts from; `image` is its entry in
 * `dockerfileImages`, if it has one.
 */
export function fromImage(stage: Stage, image: DockerfileImage | undefined): BaseImage {
  const expanded = stage.expandedImage;
  if (expanded && !expanded.unresolved && expanded.value.toLowerCase() === 'scratch') return { kind: 'scratch' };
  return image ? { kind: 'image', image } : { kind: 'unknown' };
}

/**
 * The stages a stage needs, itself included: its base chain, and the stages its instructions
 * copy or mount from, recursively.
 */
export function stageDependencies(model: DockerfileModel, stage: Stage): Set<number> {
  const names = new Map<string, number>();
  for (const s of model.stages) if (s.name !== null && !names.has(s.name)) names.set(s.name, s.index);
  const needed = new Set<number>();
  const pending = [stage.index];
  while (pending.length > 0) {
    const index = pending.pop() as number;
    if (needed.has(index)) continue;
    needed.add(index);
    const current = model.stages[index];
    if (current.baseStage !== null) pending.push(current.baseStage);
    for (const instruction of current.instructions) {
      for (const reference of stageReferences(instruction)) {
        const target = /^\d+$/.test(reference) ? Number(reference) : names.get(reference.toLowerCase());
        if (target !== undefined && target < index) pending.push(target);
      }
    }
  }
  return needed;
}

/** The `--from` of COPY and ADD, and the `from=` of each RUN `--mount`. */
function stageReferences(instruction: Instruction): string[] {
  const references: string[] = [];
  for (const flag of instruction.flags) {
    if (flag.value === null) continue;
    if (flag.name === 'from' && (instruction.keyword === 'COPY' || instruction.keyword === 'ADD')) references.push(flag.value);
    if (flag.name === 'mount' && instruction.keyword === 'RUN') {
      const from = flag.value.split(',').find((part) => part.startsWith('from='));
      if (from) references.push(from.slice('from='.length));
    }
  }
  return references;
}

/**
 * The indexes of the stages whose layers make up the image `docker build` produces without
 * `--target`: the final stage and the stages it is built FROM. Other stages only hand files over.
 */
export function shippedStages(model: DockerfileModel): ReadonlySet<number> {
  const final = finalStage(model);
  return new Set(final ? baseChain(model, final).map((s) => s.index) : []);
}

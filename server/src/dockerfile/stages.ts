import type { Span } from '../text';
import type { DockerfileSyntaxError, Instruction, Stage } from './model';
import { INSTRUCTIONS } from './checks';
import { buildArgScope, expandWord } from './expand';
import type { ArgScope } from './shell';

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

export interface Stages {
  stages: Stage[];
  globalArgs: Instruction[];
  errors: DockerfileSyntaxError[];
}

/** Stage indexes by name, for the stages read so far. */
type StageNames = Map<string, number>;

/**
 * Groups instructions into stages: each FROM starts one, the instructions after it (FROM
 * excluded) belong to it. Before the first FROM only ARG is allowed; those ARGs are the global
 * scope FROM images are expanded in. Stage names must be valid and unique.
 */
export function buildStages(instructions: readonly Instruction[], text: string, escape: string): Stages {
  const result: Stages = { stages: [], globalArgs: [], errors: [] };
  const names: StageNames = new Map();
  let scope: ArgScope | null = null;
  for (const instruction of instructions) {
    const current = result.stages[result.stages.length - 1];
    if (instruction.keyword === 'FROM') {
      scope ??= buildArgScope(result.globalArgs, text, escape);
      result.stages.push(newStage(instruction, result, names, scope, text, escape));
    } else if (current) {
      current.instructions.push(instruction);
    } else if (instruction.keyword === 'ARG') {
      result.globalArgs.push(instruction);
    } else if (INSTRUCTIONS.has(instruction.keyword)) {
      result.errors.push({ ...instruction.keywordRange, message: `${instruction.keyword} before the first FROM: only ARG can come before FROM.` });
    }
  }
  return result;
}

function newStage(from: Instruction, result: Stages, names: StageNames, scope: ArgScope, text: string, escape: string): Stage {
  const index = result.stages.length;
  const [image = null, as, nameWord] = from.args;
  const named = from.args.length === 3 && as.value.toLowerCase() === 'as';
  const name = named ? nameWord.value.toLowerCase() : null;
  const expandedImage = image && expandWord(image, scope, text, escape);
  const reference = expandedImage && !expandedImage.unresolved ? expandedImage.value.toLowerCase() : null;
  const baseStage = reference === null ? null : (names.get(reference) ?? null);
  if (name !== null) addStageName(name, index, nameWord.range, names, result.errors);
  return { index, from, image, expandedImage, name, nameRange: named ? nameWord.range : null, baseStage, instructions: [] };
}

/** Records a stage name; an invalid or already used name is an error (the first stage keeps the name). */
function addStageName(name: string, index: number, range: Span, names: StageNames, errors: DockerfileSyntaxError[]): void {
  if (!STAGE_NAME.test(name)) {
    errors.push({ ...range, message: `Invalid stage name "${name}": it must start with a letter and contain only letters, digits, "-", "_" and ".".` });
  } else if (names.has(name)) {
    errors.push({ ...range, message: `Duplicate stage name "${name}".` });
  } else {
    names.set(name, index);
  }
}


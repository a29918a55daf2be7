/**
 * `apt-lists-not-cleaned`: a RUN that downloads apt's package lists (`apt-get update`) and leaves
 * them in its layer. Only stages that end up in the image are checked.
 */
import { appendCommandEdit, instructionCommands } from '../dockerfile/commands';
import type { DockerfileModel, Instruction } from '../dockerfile/model';
import { shippedStages } from '../dockerfile/stage-graph';
import type { Fix } from '../findings';
import { cacheMountCovers, type PackageCommand, packageCommands, removesFolder } from './packages';
import type { DockerfileContext, Rule } from './rule';

export const aptListsNotCleaned: Rule = {
  meta: {
    id: 'apt-lists-not-cleaned',
    title: 'apt package lists left in the image',
    description: 'A RUN downloads the apt package lists with `apt-get update` and does not delete them, so they stay in the image layer.',
    defaultSeverity: 'info',
    appliesTo: ['dockerfile'],
    fix: 'safe',
  },
  checkDockerfile: check,
};

const LISTS = '/var/lib/apt/lists';
const CLEAN = 'rm -rf /var/lib/apt/lists/*';
/** apt subcommands that read the package lists (apt-cache's all do). */
const READERS = new Set([
  'install', 'reinstall', 'build-dep', 'source', 'download', 'upgrade', 'dist-upgrade', 'full-upgrade', 'satisfy',
  'show', 'showsrc', 'search', 'policy', 'madison', 'depends', 'rdepends', 'showpkg', 'list',
]);

function check(context: DockerfileContext): void {
  const model = context.model;
  const shipped = shippedStages(model);
  const neededLater = listsNeededLater(model);
  for (const stage of model.stages) {
    if (!shipped.has(stage.index)) continue;
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const parsed = instructionCommands(model, instruction);
      if (!parsed) continue;
      const update = packageCommands(parsed.commands).find((c) => isApt(c) && c.verb?.value === 'update');
      if (!update?.verb || removesFolder(parsed.commands, LISTS) || cacheMountCovers(instruction, LISTS)) continue;
      const later = neededLater.get(instruction) ?? false;
      const edit = later ? null : appendCommandEdit(model, parsed, CLEAN);
      const fixes: Fix[] = edit ? [{ title: 'Delete the apt lists at the end of this RUN', safety: 'safe', preferred: true, edits: [edit] }] : [];
      const advice = later
        ? `Later RUN instructions install from these lists: move those installs into this RUN, then end it with ${CLEAN}.`
        : `End this RUN with ${CLEAN}.`;
      context.report({
        ...update.verb.range,
        message: `${update.program} update downloads package lists (often tens of megabytes) that stay in this RUN's layer; deleting them in a later RUN does not make the image smaller. ${advice}`,
        fixes,
      });
    }
  }
}

function isApt(command: PackageCommand): boolean {
  return command.manager === 'apt';
}

/** What a RUN does with the lists first: downloads them (`update`), reads them, or neither. */
function listUse(model: DockerfileModel, instruction: Instruction): 'updates' | 'reads' | null {
  for (const command of packageCommands(instructionCommands(model, instruction)?.commands ?? [])) {
    if (!isApt(command)) continue;
    const verb = command.verb?.value ?? '';
    if (verb === 'update') return 'updates';
    if (command.program === 'apt-cache' || READERS.has(verb)) return 'reads';
  }
  return null;
}

/**
 * For each RUN: whether a later RUN reads the package lists without downloading them first, in
 * its own stage or in a stage built FROM it. Deleting the lists would break such a RUN. One pass
 * from the last instruction back (a stage's children come after it).
 */
function listsNeededLater(model: DockerfileModel): Map<Instruction, boolean> {
  const result = new Map<Instruction, boolean>();
  const childrenNeed: boolean[] = model.stages.map(() => false);
  for (let s = model.stages.length - 1; s >= 0; s--) {
    const stage = model.stages[s];
    let needed = childrenNeed[s];
    for (let i = stage.instructions.length - 1; i >= 0; i--) {
      const instruction = stage.instructions[i];
      if (instruction.keyword !== 'RUN') continue;
      result.set(instruction, needed);
      const use = listUse(model, instruction);
      if (use) needed = use === 'reads';
    }
    if (stage.baseStage !== null && needed) childrenNeed[stage.baseStage] = true;
  }
  return result;
}

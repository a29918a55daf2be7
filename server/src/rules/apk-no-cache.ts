/**
 * `apk-no-cache`: `apk add` without `--no-cache`, which leaves Alpine's package index in the
 * layer. Only stages that end up in the image are checked.
 */
import { insertArgumentEdit, instructionCommands } from '../dockerfile/commands';
import type { Instruction } from '../dockerfile/model';
import type { ShellCommand } from '../dockerfile/commands';
import { cacheMountCovers, hasOption, packageCommands, removesFolder, shippedStages } from './packages';
import type { DockerfileContext, Rule } from './rule';

export const apkNoCache: Rule = {
  meta: {
    id: 'apk-no-cache',
    title: 'apk add without --no-cache',
    description: '`apk add` runs without `--no-cache`, so the package index it downloads stays in the image layer.',
    defaultSeverity: 'info',
    appliesTo: ['dockerfile'],
    fix: 'safe',
  },
  checkDockerfile: check,
};

const FLAG = '--no-cache';
/** Where apk keeps its index and packages (`/etc/apk/cache` links there when a cache is set up). */
const CACHE_FOLDERS = ['/var/cache/apk', '/etc/apk/cache'];

function check(context: DockerfileContext): void {
  const model = context.model;
  const shipped = shippedStages(model);
  for (const stage of model.stages) {
    if (!shipped.has(stage.index)) continue;
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const commands = instructionCommands(model, instruction)?.commands ?? [];
      if (cacheCleared(instruction, commands)) continue;
      for (const add of packageCommands(commands)) {
        if (add.manager !== 'apk' || add.verb?.value !== 'add' || hasOption(add, FLAG)) continue;
        context.report({
          ...add.verb.range,
          message: `apk add without ${FLAG} keeps the package index in /var/cache/apk, inside this layer, which makes the image bigger. Add ${FLAG}: apk then fetches a fresh index and keeps nothing, so apk update is not needed either.`,
          fixes: [{ title: `Add ${FLAG}`, safety: 'safe', preferred: true, edits: [insertArgumentEdit(context.text, add.command, add.verb, FLAG)] }],
        });
      }
    }
  }
}

/** The RUN deletes apk's cache, or mounts a cache or tmpfs over it. */
function cacheCleared(instruction: Instruction, commands: readonly ShellCommand[]): boolean {
  return CACHE_FOLDERS.some((folder) => removesFolder(commands, folder) || cacheMountCovers(instruction, folder));
}

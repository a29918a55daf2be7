/**
 * `apk-no-cache`: `apk add` without `--no-cache`, which leaves Alpine's package index in the
 * layer; and `apk update` in a RUN whose installs all use `--no-cache`, which leaves the index it
 * downloads there all the same. Only stages that end up in the image are checked.
 */
import { insertArgumentEdit, instructionCommands, removeCommandEdit } from '../dockerfile/commands';
import type { InstructionCommands, ShellCommand } from '../dockerfile/commands';
import type { Instruction } from '../dockerfile/model';
import { shippedStages } from '../dockerfile/stage-graph';
import type { Fix, TextEdit } from '../findings';
import { cacheMountCovers, hasOption, packageCommands, removesFolder } from './packages';
import type { DockerfileContext, Rule } from './rule';

export const apkNoCache: Rule = {
  meta: {
    id: 'apk-no-cache',
    title: 'apk add without --no-cache',
    description: '`apk add` runs without `--no-cache`, or `apk update` runs before installs that do not need it, so the package index stays in the image layer.',
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
      const parsed = instructionCommands(model, instruction);
      if (parsed && !cacheCleared(instruction, parsed.commands)) checkRun(context, parsed);
    }
  }
}

function checkRun(context: DockerfileContext, parsed: InstructionCommands): void {
  const apk = packageCommands(parsed.commands).filter((c) => c.manager === 'apk');
  const adds = apk.filter((c) => c.verb?.value === 'add');
  // `--no-network` installs from what is already there: nothing is downloaded, nothing kept.
  const missing = adds.filter((c) => !hasOption(c, FLAG) && !hasOption(c, '--no-network'));
  const update = apk.find((c) => c.verb?.value === 'update');
  // apk update is useless when every install fetches its own index (with the flag, or with the fix) and nothing else reads it.
  const useless =
    update !== undefined &&
    adds.length > 0 &&
    adds.every((c) => hasOption(c, FLAG) || missing.includes(c)) &&
    apk.every((c) => c === update || c.verb?.value === 'del' || adds.includes(c));
  const drop = useless ? removeCommandEdit(context.text, parsed, update.command) : null;
  missing.forEach((add, i) => {
    if (!add.verb) return;
    const flag = insertArgumentEdit(context.text, add.command, add.verb, FLAG);
    // One fix drops apk update; the others only add the flag, so that their edits never overlap.
    const fix = i === 0 && drop ? addFix(`Add ${FLAG} and drop apk update`, [drop, flag]) : addFix(`Add ${FLAG}`, [flag]);
    context.report({
      ...add.verb.range,
      message: `apk add without ${FLAG} keeps the package index in /var/cache/apk, inside this layer, which makes the image bigger. Add ${FLAG}: apk then fetches a fresh index and keeps nothing, so apk update is not needed either.`,
      fixes: [fix],
    });
  });
  if (!useless || missing.length > 0 || !update.verb) return;
  context.report({
    ...update.verb.range,
    message: `apk update downloads the package index into /var/cache/apk, where it stays in this layer and makes the image bigger. The installs here use ${FLAG}, which fetches a fresh index anyway: drop apk update.`,
    fixes: drop ? [addFix('Drop apk update', [drop])] : [],
  });
}

function addFix(title: string, edits: TextEdit[]): Fix {
  return { title, safety: 'safe', preferred: true, edits };
}

/** The RUN deletes apk's cache, or mounts a cache or tmpfs over it. */
function cacheCleared(instruction: Instruction, commands: readonly ShellCommand[]): boolean {
  return CACHE_FOLDERS.some((folder) => removesFolder(commands, folder) || cacheMountCovers(instruction, folder));
}

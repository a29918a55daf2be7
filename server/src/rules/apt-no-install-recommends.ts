/**
 * `apt-no-install-recommends`: `apt-get install` (or `apt install`) without
 * `--no-install-recommends`, so packages that are only recommended land in the image too.
 */
import { insertArgumentEdit, instructionCommands } from '../dockerfile/commands';
import type { Instruction } from '../dockerfile/model';
import { hasOption, packageCommands, type PackageCommand } from './packages';
import type { DockerfileContext, Rule } from './rule';

export const aptNoInstallRecommends: Rule = {
  meta: {
    id: 'apt-no-install-recommends',
    title: 'apt-get install without --no-install-recommends',
    description: '`apt-get install` runs without `--no-install-recommends`, so packages that are only recommended end up in the image as well.',
    defaultSeverity: 'info',
    appliesTo: ['dockerfile'],
    fix: 'safe',
  },
  checkDockerfile: check,
};

const FLAG = '--no-install-recommends';
/** `-o APT::Install-Recommends=false` and the other spellings of "off". */
const OPTION_OFF = /^APT::Install-Recommends=(?:false|0|no|off)$/i;
/** The same setting written into apt's configuration: `APT::Install-Recommends "false";`. */
const CONFIG_OFF = /APT::Install-Recommends\s+"?(?:false|0|no|off)"?/i;

function check(context: DockerfileContext): void {
  const model = context.model;
  // Per stage: whether apt's configuration turns recommends off by the stage's end (inherited by FROM <stage>).
  const offAtEnd: boolean[] = [];
  for (const stage of model.stages) {
    let off = stage.baseStage !== null ? (offAtEnd[stage.baseStage] ?? false) : false;
    for (const instruction of stage.instructions) {
      if (instruction.heredocs.some((h) => CONFIG_OFF.test(h.body))) off = true;
      if (instruction.keyword === 'RUN') off = checkRun(context, instruction, off);
    }
    offAtEnd.push(off);
  }
}

/** Reports the installs of one RUN; returns whether recommends are off after it. */
function checkRun(context: DockerfileContext, instruction: Instruction, offBefore: boolean): boolean {
  const parsed = instructionCommands(context.model, instruction);
  let off = offBefore;
  for (const command of parsed?.commands ?? []) {
    if (command.words.some((w) => CONFIG_OFF.test(w.value))) off = true;
    const [install] = packageCommands([command]).filter(isAptInstall);
    if (!install?.verb || off || recommendsOff(install)) continue;
    context.report({
      ...install.verb.range,
      message: `${install.program} install also installs every package that these only recommend, which makes the image bigger and slower to pull. Add ${FLAG}, and name any extra package you do need.`,
      fixes: [{ title: `Add ${FLAG}`, safety: 'safe', preferred: true, edits: [insertArgumentEdit(context.text, command, install.verb, FLAG)] }],
    });
  }
  return off;
}

function isAptInstall(command: PackageCommand): boolean {
  return (command.program === 'apt-get' || command.program === 'apt') && command.verb?.value === 'install';
}

function recommendsOff(install: PackageCommand): boolean {
  return hasOption(install, FLAG) || install.options.some((o) => (o.name === '-o' || o.name === '--option') && o.value !== null && OPTION_OFF.test(o.value));
}

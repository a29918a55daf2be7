/**
 * `apt-no-install-recommends`: `apt-get install` (or `apt install`) without
 * `--no-install-recommends`, so packages that are only recommended land in the image too. The fix
 * also names the few recommended packages that builds rely on without saying so (the CA
 * certificates that curl, wget and git need for HTTPS; the C library headers gcc compiles with).
 */
import { insertArgumentEdit, instructionCommands } from '../dockerfile/commands';
import type { Instruction } from '../dockerfile/model';
import { shippedStages } from '../dockerfile/stage-graph';
import type { TextEdit } from '../findings';
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

/**
 * A package that Debian and Ubuntu install only as a recommendation of others, although those
 * others rarely work without it in a build: without recommends, it must be named.
 */
interface Companion {
  name: string;
  /** The packages that recommend it (by name, or a pattern such as `gcc-12`). */
  neededBy: RegExp;
  /** Packages that bring it in as a dependency: when one of them is installed, it is there. */
  providedBy: RegExp;
  /** Why the packages need it, after "<packages> only recommend <name>, ". */
  why: string;
}

const COMPANIONS: readonly Companion[] = [
  { name: 'ca-certificates', neededBy: /^(?:curl|wget|git)$/, providedBy: /^ca-certificates$/, why: 'which HTTPS downloads need' },
  { name: 'libc6-dev', neededBy: /^gcc(?:-\d+)?$/, providedBy: /^(?:libc6?-dev|build-essential|g\+\+(?:-\d+)?)$/, why: 'the C headers every compile needs' },
];

/** What apt's state is at some point of a stage: recommends turned off by configuration, packages named in installs. */
interface AptState {
  off: boolean;
  named: Set<string>;
}

function check(context: DockerfileContext): void {
  const model = context.model;
  const shipped = shippedStages(model);
  // Per stage: apt's state at the stage's end (inherited by FROM <stage>).
  const atEnd: AptState[] = [];
  for (const stage of model.stages) {
    const base = stage.baseStage !== null ? atEnd[stage.baseStage] : undefined;
    const state: AptState = { off: base?.off ?? false, named: new Set(base?.named) };
    for (const instruction of stage.instructions) {
      if (instruction.heredocs.some((h) => CONFIG_OFF.test(h.body))) state.off = true;
      if (instruction.keyword === 'RUN') checkRun(context, instruction, state, shipped.has(stage.index));
    }
    atEnd.push(state);
  }
}

/** Reports the installs of one RUN, and updates the stage's apt state with what it does. */
function checkRun(context: DockerfileContext, instruction: Instruction, state: AptState, shipped: boolean): void {
  const parsed = instructionCommands(context.model, instruction);
  const commands = parsed?.commands ?? [];
  const installs = packageCommands(commands).filter(isAptInstall);
  // The packages a RUN names count for all its installs: `apt-get install ca-certificates && apt-get install curl`.
  for (const install of installs) for (const name of packageNames(install)) state.named.add(name);
  for (const command of commands) {
    if (command.words.some((w) => CONFIG_OFF.test(w.value))) state.off = true;
    const install = installs.find((i) => i.command === command);
    if (!install?.verb || state.off || recommendsOff(install)) continue;
    const missing = missingCompanions(install, state.named);
    const edits: TextEdit[] = [insertArgumentEdit(context.text, command, install.verb, FLAG)];
    const last = install.operands[install.operands.length - 1];
    if (missing.length > 0 && last) edits.push(insertArgumentEdit(context.text, command, last, missing.map((m) => m.companion.name).join(' ')));
    const named = missing.length > 0 && last ? missing : [];
    const cost = shipped ? 'which makes the image bigger and slower to pull' : 'which slows down every build of this stage';
    const needs = named.map(({ companion, by }) => `${list(by)} only recommend${by.length === 1 ? 's' : ''} ${companion.name}, ${companion.why}`).join('; ');
    context.report({
      ...install.verb.range,
      message: `${install.program} install also installs every package that these only recommend, ${cost}. Add ${FLAG}, and name any extra package you do need${needs ? `: ${needs}` : ''}.`,
      fixes: [{ title: `Add ${list([FLAG, ...named.map((m) => m.companion.name)])}`, safety: 'safe', preferred: true, edits }],
    });
  }
}

/** The companions an install needs and no install of the stage names yet, with the packages that need each. */
function missingCompanions(install: PackageCommand, named: ReadonlySet<string>): { companion: Companion; by: string[] }[] {
  const names = packageNames(install);
  const result: { companion: Companion; by: string[] }[] = [];
  for (const companion of COMPANIONS) {
    const by = names.filter((n) => companion.neededBy.test(n));
    if (by.length > 0 && ![...named].some((n) => companion.providedBy.test(n))) result.push({ companion, by: [...new Set(by)] });
  }
  return result;
}

/** The package names an install names: its operands without a version (`=1.2`) or release (`/bookworm`). */
function packageNames(install: PackageCommand): string[] {
  return install.operands.map((w) => w.value.split(/[=/]/)[0].replace(/:[a-z0-9]+$/, '')).filter((n) => /^[a-z0-9][a-z0-9+.-]*$/.test(n));
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : items[0];
}

function isAptInstall(command: PackageCommand): boolean {
  return (command.program === 'apt-get' || command.program === 'apt') && command.verb?.value === 'install';
}

function recommendsOff(install: PackageCommand): boolean {
  return hasOption(install, FLAG) || install.options.some((o) => (o.name === '-o' || o.name === '--option') && o.value !== null && OPTION_OFF.test(o.value));
}

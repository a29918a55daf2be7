/**
 * `pip-no-cache-dir`: `pip install` without `--no-cache-dir`, which leaves pip's download cache
 * in the layer. Only stages that end up in the image are checked.
 */
import { insertArgumentEdit, instructionCommands, type ShellCommand } from '../dockerfile/commands';
import type { Instruction } from '../dockerfile/model';
import { runMounts } from '../dockerfile/mounts';
import { shippedStages } from '../dockerfile/stage-graph';
import { hasOption, normalizePath, packageCommand, type PackageCommand } from './packages';
import type { DockerfileContext, Rule } from './rule';

export const pipNoCacheDir: Rule = {
  meta: {
    id: 'pip-no-cache-dir',
    title: 'pip install without --no-cache-dir',
    description: '`pip install` runs without `--no-cache-dir`, so pip keeps a copy of every downloaded package in the image layer.',
    defaultSeverity: 'info',
    appliesTo: ['dockerfile'],
    fix: 'safe',
  },
  checkDockerfile: check,
};

const FLAG = '--no-cache-dir';
const VARIABLE = 'PIP_NO_CACHE_DIR';
/** Mount points that hold pip's cache: `<home>/.cache` or `<home>/.cache/pip`. */
const CACHE_TARGET = /(?:^|\/)\.cache(?:\/pip)?$/;

function check(context: DockerfileContext): void {
  const model = context.model;
  const shipped = shippedStages(model);
  // Per stage: whether PIP_NO_CACHE_DIR is set in its environment by its end (inherited by FROM <stage>).
  const setAtEnd: boolean[] = [];
  for (const stage of model.stages) {
    let set = stage.baseStage !== null ? (setAtEnd[stage.baseStage] ?? false) : false;
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') {
        set ||= instruction.pairs.some((p) => p.key === VARIABLE && !!p.value);
      } else if (instruction.keyword === 'RUN' && shipped.has(stage.index) && !set && !cacheMounted(instruction)) {
        checkRun(context, instruction);
      }
    }
    setAtEnd.push(set);
  }
}

function checkRun(context: DockerfileContext, instruction: Instruction): void {
  let exported = false;
  for (const command of instructionCommands(context.model, instruction)?.commands ?? []) {
    exported ||= exportsVariable(command);
    const install = packageCommand(command);
    if (!install?.verb || install.manager !== 'pip' || install.verb.value !== 'install') continue;
    if (exported || hasOption(install, FLAG) || command.assignments.some((a) => a.name === VARIABLE) || downloadsNothing(install)) continue;
    context.report({
      ...install.verb.range,
      message: `${install.program} install keeps every package it downloads in its cache (~/.cache/pip), and the cache stays in this layer, which makes the image bigger for nothing. Add ${FLAG}, or set ENV ${VARIABLE}=1 in the stage.`,
      fixes: [{ title: `Add ${FLAG}`, safety: 'safe', preferred: true, edits: [insertArgumentEdit(context.text, command, install.verb, FLAG)] }],
    });
  }
}

/** A local wheel file (`/dist/*.whl`, `./app-1.0-py3-none-any.whl`): pip installs it as it is, with nothing to build. */
const LOCAL_WHEEL = /^(?:\/|\.\.?\/|~\/)?[^:]*\.whl$/;

/**
 * `pip install --no-deps <local wheels>`: nothing is downloaded and nothing is built, so the
 * cache stays empty.
 */
function downloadsNothing(install: PackageCommand): boolean {
  if (!hasOption(install, '--no-deps') || hasOption(install, '-r', '--requirement', '-e', '--editable')) return false;
  return install.operands.length > 0 && install.operands.every((w) => LOCAL_WHEEL.test(w.value));
}

/** `export PIP_NO_CACHE_DIR=…`: the rest of the script runs without the cache. */
function exportsVariable(command: ShellCommand): boolean {
  return command.argv[0]?.value === 'export' && command.argv.slice(1).some((w) => w.value.startsWith(`${VARIABLE}=`));
}

/** A cache or tmpfs mount over pip's cache folder. */
function cacheMounted(instruction: Instruction): boolean {
  return runMounts(instruction).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== null && CACHE_TARGET.test(normalizePath(m.target)));
}

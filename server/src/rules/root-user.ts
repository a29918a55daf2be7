/**
 * `root-user`: the image a Dockerfile builds runs as root, because the final stage sets no USER
 * (and its base runs as root) or because the last USER is root.
 */
import { ASPECTS } from '../compat/ids';
import { instructionCommands, programName } from '../dockerfile/commands';
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import { createdUsers, isRootUser, lastUser } from '../dockerfile/users';
import type { UserSetting } from '../dockerfile/users';
import type { Fix, TextEdit } from '../findings';
import { indentationAt, lineBreak, lineStartOf } from '../text';
import { dropsRootAtStart, finalImage, imageLabel, knownUser, nonRootOption, runsAsNonRoot } from './base-images';
import type { FinalImage } from './base-images';
import type { DockerfileContext, Rule } from './rule';

/** The id the fix writes when no user is known: above the ids distributions give to system users and to the first regular users. */
const DEFAULT_USER_ID = '10001';

const RISK = 'Whoever breaks into the app gets root rights in the container, and clusters that require runAsNonRoot refuse to start it.';

export const rootUser: Rule = {
  meta: {
    id: 'root-user',
    title: 'Image runs as root',
    description: 'The final stage of a Dockerfile runs as root: it sets no USER on a base that runs as root, or its last USER is root.',
    defaultSeverity: 'warning',
    appliesTo: ['dockerfile'],
    fix: 'unsafe',
  },
  checkDockerfile(context) {
    const image = finalImage(context);
    if (!image || image.windows || dropsPrivileges(context.model, image.chain)) return;
    const setting = lastUser(image.chain);
    if (setting) checkUserSetting(context, image, setting);
    else checkBase(context, image);
  },
};

/** Tools that start a process as another user: an image that installs or calls one drops root at start on purpose. */
const PRIVILEGE_DROPPERS = new Set(['gosu', 'su-exec', 'setpriv']);

/** True when a RUN, CMD or ENTRYPOINT of the chain names gosu, su-exec or setpriv (installs or calls it). */
function dropsPrivileges(model: DockerfileModel, chain: readonly Stage[]): boolean {
  return chain.some((stage) =>
    stage.instructions.some((instruction) =>
      (instructionCommands(model, instruction)?.commands ?? []).some((c) => c.words.some((w) => PRIVILEGE_DROPPERS.has(programName(w.value)))),
    ),
  );
}

/** No USER anywhere in the chain: the base image decides. */
function checkBase(context: DockerfileContext, image: FinalImage): void {
  const word = image.stage.image;
  if (!word) return;
  let cause: string;
  let advice = 'Add a USER with a non-root id.';
  if (image.base.kind === 'scratch') {
    cause = 'The image runs as root: it starts FROM scratch and sets no USER, so the binary runs as user 0';
  } else if (image.base.kind === 'image' && !runsAsNonRoot(image.base.image.occurrence.ref)) {
    const ref = image.base.image.occurrence.ref;
    if (dropsRootAtStart(ref)) return;
    cause = knownUser(ref)
      ? `The image runs as root: the final stage sets no USER, and ${imageLabel(ref)} runs as root`
      : `The image likely runs as root: the final stage sets no USER, so it runs as the user of ${imageLabel(ref)}, which is root unless that image sets another`;
    const variant = nonRootOption(ref).variant;
    if (variant) advice = `Add a USER with a non-root id, or use ${variant}, which runs as a non-root user.`;
  } else {
    return;
  }
  context.report({
    ...word.range,
    message: `${cause}. ${RISK} ${advice}`,
    fixes: [addUserFix(context.model, image)],
    aspects: [ASPECTS.noUser],
  });
}

/** The last USER of the chain is known: report it when it is root. */
function checkUserSetting(context: DockerfileContext, image: FinalImage, setting: UserSetting): void {
  if (setting.user.includes('$') || !isRootUser(setting.user)) return;
  if (setting.stage === image.stage) {
    const fix = switchUserFix(context.model, image, setting.instruction);
    context.report({
      ...setting.word.range,
      message: `The last USER is ${setting.word.value}, so the container runs as root. ${RISK} Switch to a non-root user after the steps that need root.`,
      fixes: fix ? [fix] : [],
      aspects: [ASPECTS.lastUser],
    });
    return;
  }
  const word = image.stage.image;
  if (!word) return;
  const from = setting.stage.name ?? `#${setting.stage.index}`;
  context.report({
    ...word.range,
    message: `The image runs as root: the final stage sets no USER and inherits USER ${setting.word.value} from stage ${from}. ${RISK} Add a USER with a non-root id.`,
    fixes: [addUserFix(context.model, image)],
    related: [{ ...setting.word.range, message: `USER ${setting.word.value} is set here` }],
  });
}

/**
 * The user the fixes switch to: the last user the chain creates (by id when it has one), else
 * the user the base image provides (`node`'s 1000).
 */
function nonRootUser(model: DockerfileModel, image: FinalImage): string | null {
  const users = createdUsers(model, [...image.chain].reverse()).filter((u) => !isRootUser(u.name) && (u.uid === null || !isRootUser(u.uid)));
  const user = users[users.length - 1];
  if (user) return user.uid ?? user.name;
  return image.base.kind === 'image' ? nonRootOption(image.base.image.occurrence.ref).user : null;
}

/** "Add USER <user>" before the final CMD or ENTRYPOINT. */
function addUserFix(model: DockerfileModel, image: FinalImage): Fix {
  const user = nonRootUser(model, image) ?? DEFAULT_USER_ID;
  return { title: `Add USER ${user}`, safety: 'unsafe', preferred: true, edits: [userInsertion(model, image.stage, user)] };
}

/**
 * "Switch to USER <user>", offered when the chain creates a non-root user: replaces `root` when
 * no RUN follows it, otherwise adds a USER after the last RUN, so the steps that need root keep it.
 */
function switchUserFix(model: DockerfileModel, image: FinalImage, rootInstruction: Instruction): Fix | null {
  const user = nonRootUser(model, image);
  if (!user) return null;
  const instructions = image.stage.instructions;
  const runAfter = instructions.slice(instructions.indexOf(rootInstruction) + 1).some((i) => i.keyword === 'RUN');
  const word = rootInstruction.args[0];
  const edit = runAfter ? userInsertion(model, image.stage, user) : { start: word.range.start, end: word.range.end, newText: user };
  return { title: `Switch to USER ${user}`, safety: 'unsafe', preferred: true, edits: [edit] };
}

/**
 * Inserts `USER <user>` before the first CMD or ENTRYPOINT after the stage's last RUN (above the
 * comments written for that instruction, which keep describing it), or after the stage's last
 * instruction when there is none.
 */
function userInsertion(model: DockerfileModel, stage: Stage, user: string): TextEdit {
  const text = model.text;
  const instructions = stage.instructions;
  let lastRun = -1;
  instructions.forEach((instruction, i) => {
    if (instruction.keyword === 'RUN') lastRun = i;
  });
  const target = instructions.find((i, index) => index > lastRun && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'));
  if (target) {
    const at = commentBlockStart(model, target);
    return { start: at, end: at, newText: `${indentationAt(text, target.range.start)}USER ${user}${lineBreak(text)}` };
  }
  const last = instructions[instructions.length - 1] ?? stage.from;
  return { start: last.range.end, end: last.range.end, newText: `${lineBreak(text)}USER ${user}` };
}

/** The start of the line of the first comment in the unbroken run of comment lines just above an instruction. */
function commentBlockStart(model: DockerfileModel, instruction: Instruction): number {
  const commentAt = new Map<number, number>();
  for (const comment of model.comments) {
    if (comment.line < instruction.startLine) commentAt.set(comment.line, comment.range.start);
  }
  let start = lineStartOf(model.text, instruction.range.start);
  for (let line = instruction.startLine - 1; commentAt.has(line); line--) start = lineStartOf(model.text, commentAt.get(line) as number);
  return start;
}

/**
 * Who a stage runs as: the USER instructions in effect, and the users a stage creates with
 * `useradd` or `adduser` (Debian's, BusyBox's and shadow's option sets).
 */
import { instructionCommands, programName } from './commands';
import type { DockerfileModel, Instruction, Stage, Word } from './model';

/** The USER instruction in effect at the end of a stage chain. */
export interface UserSetting {
  instruction: Instruction;
  /** The stage the instruction belongs to (the final stage, or an earlier one it builds on). */
  stage: Stage;
  /** The argument word, `user[:group]`. */
  word: Word;
  /** The user part, before `:`. */
  user: string;
}

/** A user created by a RUN instruction. */
export interface CreatedUser {
  name: string;
  /** The numeric id given with `-u` / `--uid`, or null when the system picks one. */
  uid: string | null;
}

/**
 * The last USER in a chain of stages (a stage first, then the stages it builds on with
 * `FROM <stage>`, which pass their USER on), or null when none of them sets one.
 */
export function lastUser(chain: readonly Stage[]): UserSetting | null {
  for (const stage of chain) {
    for (let i = stage.instructions.length - 1; i >= 0; i--) {
      const instruction = stage.instructions[i];
      const word = instruction.keyword === 'USER' ? instruction.args[0] : undefined;
      if (word) return { instruction, stage, word, user: word.value.split(':')[0] };
    }
  }
  return null;
}

/** True for the superuser, by name or id: `root`, `0` (a group after `:` does not matter). */
export function isRootUser(user: string): boolean {
  return user === 'root' || /^0+$/.test(user);
}

/** Options of useradd and adduser that take a value in the next word (when not written `--opt=value`). */
const LONG_WITH_VALUE = new Set([
  'base-dir', 'comment', 'home-dir', 'home', 'expiredate', 'inactive', 'gid', 'groups', 'skel', 'key', 'password',
  'root', 'prefix', 'shell', 'uid', 'selinux-user', 'ingroup', 'gecos', 'conf', 'firstuid', 'lastuid', 'firstgid', 'lastgid',
]);
/** Short options that take a value, in shadow's useradd and BusyBox's adduser. */
const SHORT_WITH_VALUE = new Set(['b', 'c', 'd', 'e', 'f', 'g', 'G', 'h', 'k', 'K', 'p', 'R', 'P', 's', 'u', 'Z']);
const USER_NAME = /^[a-z_][a-z0-9_.-]*$/i;

/** The users that the RUN instructions of some stages create, in order. */
export function createdUsers(model: DockerfileModel, stages: readonly Stage[]): CreatedUser[] {
  const users: CreatedUser[] = [];
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      for (const command of instructionCommands(model, instruction)?.commands ?? []) {
        const words = command.argv.map((w) => w.value);
        const program = programName(words[0]);
        if (program !== 'useradd' && program !== 'adduser') continue;
        const user = readUserCommand(words);
        if (user) users.push(user);
      }
    }
  }
  return users;
}

/** The login name (the first operand) and `-u` / `--uid` of a useradd or adduser command's words. */
function readUserCommand(words: readonly string[]): CreatedUser | null {
  let uid: string | null = null;
  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    if (word.startsWith('--')) {
      const [name, inline] = splitLongOption(word.slice(2));
      const value = inline ?? (LONG_WITH_VALUE.has(name) ? words[++i] : undefined);
      if (name === 'uid' && value !== undefined) uid = value;
    } else if (word.startsWith('-') && word.length > 1) {
      const option = readShortOptions(word, words[i + 1]);
      if (option.consumedNext) i++;
      if (option.uid !== null) uid = option.uid;
    } else {
      return USER_NAME.test(word) ? { name: word, uid: uid !== null && /^\d+$/.test(uid) ? uid : null } : null;
    }
  }
  return null;
}

function splitLongOption(option: string): [string, string | undefined] {
  const equals = option.indexOf('=');
  return equals < 0 ? [option, undefined] : [option.slice(0, equals), option.slice(equals + 1)];
}

/**
 * A cluster of short options such as `-rm`, `-u1001` or `-ms /bin/sh`: a letter that takes a
 * value takes the rest of the cluster, or the next word when it ends the cluster.
 */
function readShortOptions(word: string, next: string | undefined): { consumedNext: boolean; uid: string | null } {
  for (let j = 1; j < word.length; j++) {
    const letter = word[j];
    if (!SHORT_WITH_VALUE.has(letter)) continue;
    const rest = word.slice(j + 1);
    const value = rest || next;
    return { consumedNext: !rest && next !== undefined, uid: letter === 'u' ? (value ?? null) : null };
  }
  return { consumedNext: false, uid: null };
}

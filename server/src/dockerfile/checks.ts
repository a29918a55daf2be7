import type { Span } from '../text';
import { heredocWord } from './heredoc';
import type { DockerfileSyntaxError, Instruction } from './model';

/**
 * The checks the builder makes on each instruction before building anything: known keyword,
 * argument counts, FROM's shape, SHELL's JSON form, ONBUILD triggers, HEALTHCHECK's type, blank
 * ENV/LABEL/ARG names. (The other ENV/LABEL pair errors, exec-form element types, unterminated
 * heredocs and directives are reported while parsing; order-dependent checks with the stages.)
 */

export const INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

const AT_LEAST_ONE = new Set(['ARG', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'ONBUILD', 'VOLUME']);
const EXACTLY_ONE = new Set(['MAINTAINER', 'STOPSIGNAL', 'USER', 'WORKDIR']);
const NOT_ONBUILD_TRIGGERS = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);
/** An argument as the builder splits shell-form COPY/ADD arguments: on spaces and tabs, quotes ignored. */
const ARGUMENT = /[^\t\v\f\r ]+/g;

type Report = (span: Span, message: string) => void;

/** The builder's errors for one instruction (for ONBUILD, only whether its trigger is allowed). */
export function checkInstruction(instruction: Instruction): DockerfileSyntaxError[] {
  const errors: DockerfileSyntaxError[] = [];
  const error: Report = (span, message) => {
    errors.push({ start: span.start, end: span.end, message });
  };
  const { keyword, keywordRange } = instruction;
  const empty = instruction.json && keyword !== 'HEALTHCHECK' ? instruction.json.length === 0 : instruction.argsRange === null;
  if (!INSTRUCTIONS.has(keyword)) {
    error(keywordRange, unknownInstruction(keyword));
  } else if (empty && AT_LEAST_ONE.has(keyword)) {
    error(keywordRange, `${keyword} requires at least one argument.`);
  } else if (empty && EXACTLY_ONE.has(keyword)) {
    error(keywordRange, `${keyword} requires exactly one argument.`);
  } else if (keyword === 'FROM') {
    checkFrom(instruction, error);
  } else if (keyword === 'COPY' || keyword === 'ADD') {
    checkSourcesAndDestination(instruction, error);
  } else if (keyword === 'SHELL') {
    if (!instruction.json) error(instruction.argsRange ?? keywordRange, 'SHELL requires the arguments to be in JSON form.');
    else if (empty) error(instruction.argsRange ?? keywordRange, 'SHELL requires at least one argument.');
  } else if (keyword === 'HEALTHCHECK') {
    checkHealthcheck(instruction, error);
  } else if (keyword === 'ONBUILD' && instruction.onbuild) {
    // The builder checks the trigger itself only when a child image runs it.
    const trigger = instruction.onbuild;
    if (NOT_ONBUILD_TRIGGERS.has(trigger.keyword)) error(trigger.keywordRange, `${trigger.keyword} isn't allowed as an ONBUILD trigger.`);
  }
  for (const pair of instruction.pairs) {
    if (pair.keyRange.start === pair.keyRange.end) error(pair.range, `${keyword} names can not be blank.`);
  }
  return errors;
}

/**
 * The message for a line whose first word is no instruction. The word is named only when it is
 * one (a misspelt keyword): a line that lost the `\` before it may start with `PASSWORD=…`.
 */
function unknownInstruction(keyword: string): string {
  if (/^[A-Z]{2,12}$/.test(keyword)) return `Unknown instruction ${keyword}: the builder rejects it.`;
  return 'This line starts with no instruction the builder knows, and it rejects it. If it continues the line above, end that line with \\.';
}

/** `FROM image` or `FROM image AS name`. */
function checkFrom(instruction: Instruction, error: Report): void {
  const args = instruction.args;
  const named = args.length === 3 && args[1].value.toLowerCase() === 'as';
  if (args.length !== 1 && !named) error(instruction.argsRange ?? instruction.keywordRange, 'FROM requires either one or three arguments: FROM image [AS name].');
}

/** COPY/ADD: sources and a destination (as the builder counts them: JSON elements, or words split on spaces and tabs). */
function checkSourcesAndDestination(instruction: Instruction, error: Report): void {
  const keyword = instruction.keyword;
  const count = instruction.json ? instruction.json.length : (instruction.argsText.match(ARGUMENT)?.length ?? 0);
  if (count < 2) {
    error(instruction.argsRange ?? instruction.keywordRange, `${keyword} requires at least two arguments: the source(s) and the destination.`);
    return;
  }
  const destination = instruction.json ? null : instruction.args[instruction.args.length - 1];
  if (destination && heredocWord(destination.raw)) error(destination.range, `${keyword} cannot accept a heredoc as a destination.`);
}

/** `HEALTHCHECK NONE` or `HEALTHCHECK [flags] CMD command`. */
function checkHealthcheck(instruction: Instruction, error: Report): void {
  const [type, ...rest] = instruction.args;
  const kind = type.raw.toUpperCase();
  if (kind === 'NONE') {
    if (rest.length > 0) error(instruction.argsRange ?? type.range, 'HEALTHCHECK NONE takes no arguments.');
  } else if (kind !== 'CMD') {
    error(type.range, `Unknown type "${type.raw}" in HEALTHCHECK (try CMD).`);
  } else if (instruction.json ? instruction.json.length === 0 : rest.length === 0) {
    error(type.range, 'Missing command after HEALTHCHECK CMD.');
  }
}

/**
 * Ignore comments in Dockerfiles: `# kubeready-ignore <ids>` covers the next instruction, and so
 * does hadolint's `# hadolint ignore=<codes>`; `# hadolint global ignore=<codes>` covers the file.
 */
import { readHadolintPragma } from '../compat/hadolint';
import type { Fix, TextEdit } from '../findings';
import { ignoreCommentLine, readIgnoreComment } from '../suppress';
import type { IgnoreDirective } from '../suppress';
import { indentationAt, lineBreak, lineStartOf } from '../text';
import type { DockerfileModel, Instruction } from './model';

/**
 * BuildKit checks (`docker build --check`) whose concern a Kube Ready rule shares: a file that
 * skips the check with `# check=skip=<name>` (or `skip=all`) has already decided about it.
 */
const BUILDKIT_CHECKS: Readonly<Record<string, string>> = {
  secretsusedinargorenv: 'plaintext-secret',
};

/**
 * The ignore comments of a Dockerfile, each with the instruction that follows it (or the whole
 * file for a hadolint global ignore), and the rules a `# check=skip=…` parser directive turns off
 * for the whole file.
 */
export function dockerfileIgnores(model: DockerfileModel): IgnoreDirective[] {
  const directives: IgnoreDirective[] = checkSkips(model);
  for (const comment of model.comments) {
    const next = (): Instruction | undefined => model.instructions[firstIndex(model.instructions, (i) => i.startLine > comment.line)];
    const ignore = readIgnoreComment(model.text, comment.range.start, comment.range.end);
    if (ignore) {
      const target = next();
      if (target) directives.push({ ids: ignore.ids, comment: comment.range, idsEnd: ignore.idsEnd, target: target.range });
      continue;
    }
    const pragma = readHadolintPragma(model.text, comment.range.start, comment.range.end);
    const target = pragma && (pragma.global ? { start: 0, end: model.text.length } : next()?.range);
    if (!pragma || !target || pragma.covered.ids.length === 0) continue;
    const { ids, aspects } = pragma.covered;
    directives.push({ ids, aspects, foreign: true, comment: comment.range, idsEnd: comment.range.end, target });
  }
  return directives;
}

/** `# check=skip=A,B;error=true`: the rules of the skipped BuildKit checks, over the whole file. */
function checkSkips(model: DockerfileModel): IgnoreDirective[] {
  const directives: IgnoreDirective[] = [];
  for (const directive of model.directives) {
    if (directive.name !== 'check') continue;
    const skip = directive.value.split(';').map((part) => part.trim()).find((part) => /^skip\s*=/i.test(part));
    if (!skip) continue;
    const names = skip.slice(skip.indexOf('=') + 1).split(',').map((name) => name.trim().toLowerCase());
    const ids = names.includes('all') ? Object.values(BUILDKIT_CHECKS) : names.flatMap((name) => BUILDKIT_CHECKS[name] ?? []);
    if (ids.length === 0) continue;
    directives.push({ ids, foreign: true, comment: directive.range, idsEnd: directive.range.end, target: { start: 0, end: model.text.length } });
  }
  return directives;
}

/** The first index whose instruction satisfies a predicate that holds from some index on (binary search). */
function firstIndex(instructions: readonly Instruction[], holds: (i: Instruction) => boolean): number {
  let lo = 0;
  let hi = instructions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(instructions[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The top-level instruction whose text contains `offset`. */
export function instructionAt(model: DockerfileModel, offset: number): Instruction | null {
  const candidate = model.instructions[firstIndex(model.instructions, (i) => i.range.end >= offset)];
  return candidate && candidate.range.start <= offset ? candidate : null;
}

/**
 * "Ignore <id> here": a comment above the instruction where the finding starts, or one more id
 * on the ignore comment already there.
 */
export function dockerfileIgnoreFix(model: DockerfileModel, ruleId: string, at: number, directives: readonly IgnoreDirective[]): Fix | null {
  const instruction = instructionAt(model, at);
  if (!instruction) return null;
  const existing = directives.find((d) => !d.foreign && d.target.start === instruction.range.start);
  const lineStart = lineStartOf(model.text, instruction.range.start);
  const edit: TextEdit = existing
    ? { start: existing.idsEnd, end: existing.idsEnd, newText: existing.ids.length > 0 ? `,${ruleId}` : ` ${ruleId}` }
    : { start: lineStart, end: lineStart, newText: ignoreCommentLine(ruleId, indentationAt(model.text, lineStart), lineBreak(model.text)) };
  return { title: `Ignore ${ruleId} here`, safety: 'unsafe', edits: [edit], suppression: true };
}

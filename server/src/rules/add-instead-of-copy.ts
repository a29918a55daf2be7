/**
 * `add-instead-of-copy`: ADD of local files that are not archives does what COPY does, with
 * surprises attached (it fetches URLs and unpacks archives), so COPY says what is meant.
 */
import type { Instruction, Word } from '../dockerfile/model';
import type { Fix } from '../findings';
import type { Rule } from './rule';

/** Flags COPY accepts too; any other flag (`--checksum`, `--keep-git-dir`, `--unpack`) is ADD's own. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'from', 'exclude']);

/** Sources ADD fetches: URLs and Git repositories. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)|\.git(?:#|$)/i;

/** Sources ADD may unpack: tar archives, compressed or not, and compressed files. */
const ARCHIVE = /\.(?:tar|tgz|taz|tbz2?|tb2|txz|tlz|tzst|gz|bz2|xz|lz|lzma|zst|z)$/i;

export const addInsteadOfCopy: Rule = {
  meta: {
    id: 'add-instead-of-copy',
    title: 'ADD used to copy local files',
    description: 'ADD copies local files that are not archives, which COPY does as well, without the URL fetching and archive unpacking of ADD.',
    defaultSeverity: 'info',
    appliesTo: ['dockerfile'],
    fix: 'safe',
  },
  checkDockerfile(context) {
    for (const top of context.model.instructions) {
      const instruction = top.onbuild ?? top;
      if (instruction.keyword !== 'ADD' || !copiesLocalFiles(instruction)) continue;
      context.report({
        ...instruction.keywordRange,
        message: 'ADD copies local files here, as COPY would, but it also downloads URLs and unpacks archives, so a reader must check which it does. Use COPY for plain files.',
        fixes: [copyFix(context.text, instruction)],
      });
    }
  },
};

/** True when every source is a local file or folder that ADD would not unpack, and no ADD-only flag is set. */
function copiesLocalFiles(instruction: Instruction): boolean {
  if (!instruction.flags.every((f) => COPY_FLAGS.has(f.name))) return false;
  const words: Word[] = instruction.json ?? instruction.args;
  if (words.length < 2) return false;
  return words.slice(0, -1).every((w) => !w.value.includes('$') && !REMOTE.test(w.value) && !ARCHIVE.test(w.value));
}

/** "Use COPY": the keyword only, in the case it is written in. */
function copyFix(text: string, instruction: Instruction): Fix {
  const keyword = text.slice(instruction.keywordRange.start, instruction.keywordRange.end);
  const newText = keyword === keyword.toLowerCase() ? 'copy' : keyword === 'Add' ? 'Copy' : 'COPY';
  return { title: 'Use COPY', safety: 'safe', preferred: true, edits: [{ ...instruction.keywordRange, newText }] };
}

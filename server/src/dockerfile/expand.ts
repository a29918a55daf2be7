import type { Expanded, Instruction, Word } from './model';
import { logicalSlice } from './scan';
import { processShellWord, type ArgScope } from './shell';

/**
 * Expands a word like the builder: quotes removed, escapes resolved, `$V`, `${V}`, `${V:-word}`,
 * `${V-word}`, `${V:+word}`, `${V+word}`, `${V:?word}`, `${V?word}` substituted from `scope`.
 * Only `word.range` is read: the raw text is taken from `text` (line continuations removed), so
 * every character of the result can be traced to `text`. A variable that is not in the scope, or
 * is declared without a value, leaves `unresolved` set (unless a modifier supplies a value);
 * modifiers the linter does not evaluate (`${V#p}`, `${V%p}`, `${V/a/b}`) do too.
 */
export function expandWord(word: Pick<Word, 'range'>, scope: ArgScope, text: string, escape: string): Expanded {
  return processShellWord(logicalSlice(text, word.range, escape), escape, scope);
}

/**
 * The scope made by ARG instructions, in order: each default is expanded with the ARGs before it
 * (a default may reference earlier ARGs); an ARG without a default is declared but unset. For the
 * ARGs before the first FROM, this is the scope FROM lines are expanded in.
 */
export function buildArgScope(args: readonly Instruction[], text: string, escape: string): ArgScope {
  const scope = new Map<string, Expanded | null>();
  for (const instruction of args) {
    for (const pair of instruction.pairs) {
      scope.set(pair.key, pair.valueRange ? expandWord({ range: pair.valueRange }, scope, text, escape) : null);
    }
  }
  return scope;
}

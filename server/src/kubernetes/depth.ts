/**
 * A quick upper estimate of how deep a YAML text nests, read line by line before the YAML parser
 * sees it: the parser recurses once per level, and a file nested thousands of levels deep would
 * exhaust the stack.
 */

/**
 * True when the text may nest deeper than `max` levels: block indentation levels, compact
 * sequences and explicit keys (`- - x`, `? - x`) and open flow collections (`[`, `{`) added up.
 * It reads no quotes, so brackets inside strings count too: it errs on the side of "too deep",
 * which real manifests stay far from.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  const indents: number[] = [];
  let flow = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '---' || line.startsWith('--- ')) {
      indents.length = 0;
      flow = 0;
      continue;
    }
    let at = 0;
    while (line[at] === ' ') at++;
    if (at === line.length || line[at] === '#') continue;
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] >= at) indents.pop();
      indents.push(at);
    }
    let compact = 0;
    while ((line[at] === '-' || line[at] === '?') && (line[at + 1] === ' ' || at + 1 === line.length)) {
      compact++;
      at += 2;
      while (line[at] === ' ') at++;
    }
    for (; at < line.length; at++) {
      const char = line[at];
      if (char === '#' && line[at - 1] === ' ') break;
      if (char === '[' || char === '{') flow++;
      else if ((char === ']' || char === '}') && flow > 0) flow--;
      if (indents.length + compact + flow > max) return true;
    }
    if (indents.length + compact + flow > max) return true;
  }
  return false;
}

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
  // Lines are read in place (no copy of the text): [start, end) without the line break.
  for (let start = 0; start <= text.length; ) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const next = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
    if (text.startsWith('---', start) && (end === start + 3 || text[start + 3] === ' ')) {
      indents.length = 0;
      flow = 0;
      start = next;
      continue;
    }
    let at = start;
    while (at < end && text[at] === ' ') at++;
    if (at === end || text[at] === '#') {
      start = next;
      continue;
    }
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] >= at - start) indents.pop();
      indents.push(at - start);
    }
    let compact = 0;
    while (at < end && (text[at] === '-' || text[at] === '?') && (at + 1 === end || text[at + 1] === ' ')) {
      compact++;
      at += 2;
      while (at < end && text[at] === ' ') at++;
    }
    for (; at < end; at++) {
      const char = text[at];
      if (char === '#' && text[at - 1] === ' ') break;
      if (char === '[' || char === '{') flow++;
      else if ((char === ']' || char === '}') && flow > 0) flow--;
      if (indents.length + compact + flow > max) return true;
    }
    if (indents.length + compact + flow > max) return true;
    start = next;
  }
  return false;
}

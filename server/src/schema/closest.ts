/**
 * "Did you mean": the known word closest to a mistyped one, when it is close enough to be the
 * word that was meant.
 */

/**
 * Edit distance with adjacent transpositions (optimal string alignment): `lables` -> `labels`
 * is one edit, as a person counts it.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** How many edits a word of this length may be away from the one meant: 1 up to 5 characters, 2 up to 11, then 3. */
function allowedEdits(length: number): number {
  return length <= 5 ? 1 : length <= 11 ? 2 : 3;
}

/**
 * The candidate closest to `word`: the one that differs only in letter case, or the one within
 * the allowed edits (case ignored). Null when there is none, or when two are equally close.
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  const lower = word.toLowerCase();
  const sameLetters = candidates.filter((c) => c !== word && c.toLowerCase() === lower);
  if (sameLetters.length === 1) return sameLetters[0];
  if (sameLetters.length > 1) return null;
  let best: string | null = null;
  let bestDistance = allowedEdits(word.length) + 1;
  let tie = false;
  for (const candidate of candidates) {
    if (candidate === word || Math.abs(candidate.length - word.length) > bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance) {
      tie = true;
    }
  }
  return best !== null && !tie && bestDistance <= allowedEdits(word.length) && bestDistance < word.length ? best : null;
}

/**
 * Log lines about failures that never carry document text: an error's message can quote its
 * input (a JSON parse error quotes the text it choked on), so only its name and stack frames are kept.
 */

/** Most stack frames logged for one error. */
const MAX_FRAMES = 6;

/** `TypeError at f (file.js:1:2) …`: the error's name and where it was thrown, without its message. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${error === null ? 'null' : typeof error}`;
  const frames = (error.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, MAX_FRAMES);
  return frames.length > 0 ? `${error.name} ${frames.join(' ')}` : error.name;
}

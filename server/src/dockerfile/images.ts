import { parseImageRef } from '../image';
import type { ImageRef } from '../image';
import { literalOccurrence } from '../images';
import type { ImageOccurrence } from '../images';
import { oncePer } from '../memo';
import type { Span } from '../text';
import type { Expanded, DockerfileModel, Instruction, Stage } from './model';

export interface DockerfileImage {
  instruction: Instruction;
  /** The stage whose FROM names the image; null for `COPY --from=<image>`. */
  stage: Stage | null;
  occurrence: ImageOccurrence;
}

/**
 * The images a Dockerfile pulls: each FROM that names an image (not an earlier stage, not
 * `scratch`, not a reference that stays an unresolved variable), and `COPY --from=<image>`.
 * Read once per model: the workspace index and several rules ask.
 */
export const dockerfileImages: (model: DockerfileModel) => readonly DockerfileImage[] = oncePer(readImages);

function readImages(model: DockerfileModel): DockerfileImage[] {
  const result: DockerfileImage[] = [];
  const stageNames = new Set(model.stages.map((s) => s.name).filter((n): n is string => n !== null));
  for (const stage of model.stages) {
    const expanded = stage.expandedImage;
    if (stage.baseStage !== null || !expanded || expanded.unresolved) continue;
    if (expanded.value.toLowerCase() === 'scratch') continue;
    const ref = parseImageRef(expanded.value);
    if (ref) result.push({ instruction: stage.from, stage, occurrence: expandedOccurrence(ref, expanded) });
  }
  for (const instruction of model.instructions) {
    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
    const from = instruction.flags.find((f) => f.name === 'from');
    if (!from || from.value === null || !from.valueRange) continue;
    if (/^\d+$/.test(from.value) || stageNames.has(from.value.toLowerCase())) continue;
    const ref = parseImageRef(from.value);
    if (!ref || !ref.tag) continue; // without a tag it may name a build context, not an image
    const raw = model.text.slice(from.valueRange.start, from.valueRange.end);
    if (raw !== from.value) continue;
    result.push({ instruction, stage: null, occurrence: literalOccurrence(ref, from.valueRange.start) });
  }
  return result;
}

/** An occurrence traced through variable substitution (see `Expanded.sources`). */
function expandedOccurrence(ref: ImageRef, expanded: Expanded): ImageOccurrence {
  const sources = expanded.sources;
  const shown = (i: number, j: number): Span => {
    const from = i === j ? 0 : i;
    const to = i === j ? sources.length : j;
    let start = Infinity;
    let end = -Infinity;
    for (let k = from; k < to; k++) {
      start = Math.min(start, sources[k].shown.start);
      end = Math.max(end, sources[k].shown.end);
    }
    return start === Infinity ? { start: 0, end: 0 } : { start, end };
  };
  const written = (i: number, j: number): Span | null => {
    if (i === j) {
      // Insertion point: just after the character before it, written literally.
      const before = i > 0 ? sources[i - 1]?.written : null;
      return before === null || before === undefined ? null : { start: before + 1, end: before + 1 };
    }
    const first = sources[i]?.written;
    if (first === null || first === undefined) return null;
    for (let k = i + 1; k < j; k++) {
      if (sources[k].written !== first + (k - i)) return null;
    }
    return { start: first, end: first + (j - i) };
  };
  return { ref, range: shown(0, 0), shown, written };
}

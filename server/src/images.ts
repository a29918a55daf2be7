/**
 * Image references found in Dockerfiles (FROM, COPY --from) and pod specs, with a way back to
 * the source: where to report a part of the reference, and where to edit it.
 */
import type { ImageRef } from './image';
import type { Span } from './text';

export interface ImageOccurrence {
  ref: ImageRef;
  /** The span a reader sees for `ref.text[i, j)` (for an empty part, the whole reference). */
  shown(i: number, j: number): Span;
  /**
   * The span to replace to change `ref.text[i, j)` (an empty span at the insertion point when
   * `i === j`), or null when the characters are not written literally in one place.
   */
  written(i: number, j: number): Span | null;
  /** The whole reference as the reader sees it. */
  range: Span;
}

/** An occurrence whose text maps 1:1 onto the source starting at `start`. */
export function literalOccurrence(ref: ImageRef, start: number): ImageOccurrence {
  const range = { start, end: start + ref.text.length };
  return {
    ref,
    range,
    shown: (i, j) => (i === j ? range : { start: start + i, end: start + j }),
    written: (i, j) => ({ start: start + i, end: start + j }),
  };
}

/** An occurrence that can be reported only as a whole and not edited in place. */
export function opaqueOccurrence(ref: ImageRef, range: Span): ImageOccurrence {
  return { ref, range, shown: () => range, written: () => null };
}

/**
 * The limits that keep hostile or broken files from crashing or stalling a check. A file over a
 * limit is skipped with a reason that names it; the other files are still checked.
 *
 * Not limits, because nothing grows with them: YAML aliases are followed, never expanded (an
 * alias bomb costs what its text costs), and the number of documents and the length of lines only
 * count through the file size.
 */

/** One mebibyte, the unit of `maxFileSize` for people. */
export const MEGABYTE = 1024 * 1024;

/**
 * Files larger than this many bytes (UTF-16 code units for text already in memory) are not
 * checked. The CLI's `--max-file-size` changes it.
 */
export const DEFAULT_MAX_FILE_SIZE = 4 * MEGABYTE;

/**
 * YAML nested deeper than this (block indentation levels, `- - -` sequences and `[`/`{` flow
 * collections added up) is not checked: the YAML parser recurses once per level, and real
 * manifests, CRD schemas included, stay far below it.
 */
export const MAX_YAML_DEPTH = 200;

/** The limits that can be set (the CLI's options, the editor's `kubeready.limits.*` settings). */
export interface Limits {
  /** See `DEFAULT_MAX_FILE_SIZE`. */
  maxFileSize: number;
}

/** The reason a file over `maxFileSize` bytes is not checked. */
export function tooLargeReason(maxFileSize: number): string {
  const megabytes = maxFileSize / MEGABYTE;
  const shown = Number.isInteger(megabytes) ? `${megabytes} MB` : `${maxFileSize} bytes`;
  return `larger than the ${shown} limit`;
}

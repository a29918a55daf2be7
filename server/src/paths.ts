/** File paths as rules and fixes name them. */
import * as nodePath from 'node:path';

/** The path of a file named `name` in the folder of `file` (a sibling file such as `.dockerignore`). */
export function siblingPath(file: string, name: string): string {
  return nodePath.join(nodePath.dirname(file), name);
}

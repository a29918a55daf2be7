import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder above this file with the generated Kubernetes schemas. */
export function repositoryRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'scripts', 'kubernetes-schemas.js'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${__dirname}`);
    dir = parent;
  }
}

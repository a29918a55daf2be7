/** Real Dockerfiles and manifests for the hostile-input tests to mutate: the examples, the fixtures and the rule docs' examples. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (this file runs from out/test/hostile/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface Seed {
  /** A name the engine reads as the right kind: `Dockerfile` or `<name>.yaml`. */
  path: string;
  text: string;
}

const FILE_FOLDERS = ['examples', 'test/fixtures'];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(file) : [file];
  });
}

function seedFiles(): Seed[] {
  const files = FILE_FOLDERS.flatMap((folder) => walk(path.join(ROOT, folder)));
  return files
    .filter((file) => /(^|[\\/])Dockerfile$|\.ya?ml$/.test(file) && !file.endsWith('.hadolint.yaml'))
    .sort()
    .map((file) => ({ path: /Dockerfile$/.test(file) ? 'Dockerfile' : path.basename(file), text: fs.readFileSync(file, 'utf8') }));
}

/** The ```yaml and ```dockerfile examples of the rule docs. */
function docExamples(): Seed[] {
  const dir = path.join(ROOT, 'docs', 'rules');
  const seeds: Seed[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const markdown = fs.readFileSync(path.join(dir, name), 'utf8');
    for (const match of markdown.matchAll(/^```(yaml|dockerfile)\n([\s\S]*?)^```/gm)) {
      seeds.push({ path: match[1] === 'yaml' ? `${name.replace(/\.md$/, '')}.yaml` : 'Dockerfile', text: match[2] });
    }
  }
  return seeds;
}

/** Every seed, in a fixed order (the property tests' seeds must give the same runs everywhere). */
export const SEEDS: readonly Seed[] = [...seedFiles(), ...docExamples()];

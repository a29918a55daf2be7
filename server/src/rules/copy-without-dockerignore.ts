/**
 * `copy-without-dockerignore`: `COPY . …` copies the whole build context into the image, and no
 * `.dockerignore` next to the Dockerfile keeps `.git`, local dependencies or `.env` files out.
 */
import * as nodePath from 'node:path';
import type { DockerfileModel, Instruction, Word } from '../dockerfile/model';
import { shippedStages } from '../dockerfile/stage-graph';
import type { Fix } from '../findings';
import { siblingPath } from '../paths';
import { lineBreak } from '../text';
import type { DockerfileContext, Rule } from './rule';

/** Folders above the Dockerfile to look into, at most, for an ignore file of a wider build context. */
const MAX_PARENT_LEVELS = 8;

/** What the created `.dockerignore` leaves out, before the Dockerfile's own name. */
const IGNORED = [
  '# Files the image does not need. The builder leaves them out of the build context.',
  '.git',
  '.dockerignore',
  '.env',
  '.env.*',
  '*.log',
  'node_modules',
  '.venv',
  '__pycache__',
  '*.pyc',
  '.pytest_cache',
  '.idea',
  '.vscode',
];

export const copyWithoutDockerignore: Rule = {
  meta: {
    id: 'copy-without-dockerignore',
    title: 'COPY . without a .dockerignore',
    description: 'A COPY or ADD of the whole build context has no .dockerignore to keep Git history, local dependencies and secrets out of the image.',
    defaultSeverity: 'warning',
    appliesTo: ['dockerfile'],
    fix: 'unsafe',
  },
  checkDockerfile(context) {
    const path = context.path;
    if (path === undefined) return;
    const sources = wholeContextSources(context.model);
    if (sources.length === 0 || hasIgnoreFile(context, path) !== false) return;
    const fix = createIgnoreFix(context.text, path);
    const shipped = shippedStages(context.model);
    for (const { word, stage } of sources) {
      const harm = shipped.has(stage)
        ? 'end up in the image, making it bigger and possibly leaking secrets'
        : 'go to the builder on every build, and any change to them reruns this step and every one after it';
      context.report({
        ...word.range,
        message: `This copies the whole build context, and no .dockerignore limits it: .git, node_modules, .env files and other local leftovers ${harm}. Add a .dockerignore next to the Dockerfile.`,
        fixes: [fix],
      });
    }
  },
};

/** The `.` or `./` sources of COPY and ADD that copy from the build context (not `--from`, not filtered by `--exclude`), with their stage. */
function wholeContextSources(model: DockerfileModel): { word: Word; stage: number }[] {
  const sources: { word: Word; stage: number }[] = [];
  for (const instruction of model.instructions) {
    if (!copiesFromContext(instruction)) continue;
    const words = instruction.json ?? instruction.args;
    for (const word of words.slice(0, -1)) if (word.value === '.' || word.value === './') sources.push({ word, stage: instruction.stage });
  }
  return sources;
}

function copiesFromContext(instruction: Instruction): boolean {
  return (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && !instruction.flags.some((f) => f.name === 'from' || f.name === 'exclude');
}

/**
 * Whether an ignore file applies: `.dockerignore` or `.containerignore` next to the Dockerfile,
 * `<Dockerfile name>.dockerignore` (which BuildKit reads first), or a `.dockerignore` in a folder
 * above, up to the repository root (the build context may be a parent folder). Null when the
 * file system cannot tell.
 */
function hasIgnoreFile(context: DockerfileContext, path: string): boolean | null {
  const exists = (file: string): boolean | null => context.workspace.fileExists(file);
  const names = ['.dockerignore', '.containerignore', `${nodePath.basename(path)}.dockerignore`];
  let unknown = false;
  for (const name of names) {
    const found = exists(siblingPath(path, name));
    if (found) return true;
    if (found === null) unknown = true;
  }
  let dir = nodePath.dirname(path);
  for (let level = 0; level < MAX_PARENT_LEVELS && exists(nodePath.join(dir, '.git')) === false; level++) {
    const parent = nodePath.dirname(dir);
    if (parent === dir) break;
    dir = parent;
    const found = exists(nodePath.join(dir, '.dockerignore'));
    if (found) return true;
    if (found === null) unknown = true;
  }
  return unknown ? null : false;
}

/** "Create .dockerignore" with common leftovers and the Dockerfile itself, in the Dockerfile's line breaks. */
function createIgnoreFix(text: string, path: string): Fix {
  const eol = lineBreak(text);
  const content = [...IGNORED, nodePath.basename(path)].join(eol) + eol;
  return { title: 'Create .dockerignore', safety: 'unsafe', preferred: true, edits: [], createFile: { path: '.dockerignore', content } };
}

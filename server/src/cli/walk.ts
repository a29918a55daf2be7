/**
 * Finding the files to check: the paths given on the command line, folders walked recursively.
 * Skips `.git`, `node_modules`, our own `.kubeready.yaml` and whatever the config's `ignore`
 * covers, follows symbolic links without looping (each real folder is entered once), and reaches
 * each real file once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/config';
import { sourceKind } from '../engine';

/** Folders never walked into. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/** Our own config files are YAML, but not manifests: a walk leaves them out. */
const CONFIG_NAMES: ReadonlySet<string> = new Set(CONFIG_FILE_NAMES);

export type ReadKind = 'dockerfile' | 'yaml';

export interface Target {
  /** Absolute path, as reached (symbolic links not resolved). */
  file: string;
  /** How to read the file; null when it was named explicitly and its name tells nothing. */
  kind: ReadKind | null;
  /** Named on the command line (checked whatever its name, unless the config ignores it). */
  explicit: boolean;
  /** Named on the command line, but the config's `ignore` covers it. */
  ignored: boolean;
}

/** A path that could not be read; the walk goes on without it. */
export interface WalkProblem {
  file: string;
  reason: string;
}

export interface WalkOptions {
  /** True for a file or folder not to check. */
  isIgnored(file: string): boolean;
}

/** How a walk reads a file of this name, or null when it leaves the file out. */
export function walkedKind(name: string): ReadKind | null {
  return CONFIG_NAMES.has(name) ? null : sourceKind(name);
}

/** Plain words for the errors a walk can meet. */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default:
      return code ? `cannot be read (${code})` : `cannot be read (${(error as Error).message})`;
  }
}

/** Code-unit order, the same on every machine and locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

class Walk {
  readonly targets = new Map<string, Target>();
  readonly problems: WalkProblem[] = [];
  private readonly folders = new Set<string>();

  constructor(private readonly options: WalkOptions) {}

  /** Adds a file; a real file already reached by another path is kept once. */
  addFile(file: string, kind: ReadKind | null, explicit: boolean, ignored: boolean): void {
    let real: string;
    try {
      real = fs.realpathSync.native(file);
    } catch (error) {
      this.problems.push({ file, reason: ioReason(error) });
      return;
    }
    if (!this.targets.has(real)) this.targets.set(real, { file, kind, explicit, ignored });
  }

  /** Walks a folder and everything below it, depth first, entries in sorted order. */
  walkFolder(root: string): void {
    const steps = this.folderSteps(root);
    while (!steps.next().done) continue;
  }

  /** `walkFolder` one folder at a time: pauses after each folder read, so that a caller can yield. */
  *folderSteps(root: string): Generator<void, void> {
    const stack = [root];
    while (stack.length > 0) {
      const folder = stack.pop() as string;
      const entries = this.enter(folder);
      // Pushed in reverse so that folders come off the stack in sorted order.
      for (const name of entries.reverse()) this.visit(path.join(folder, name), name, stack);
      yield;
    }
  }

  private enter(folder: string): string[] {
    try {
      const real = fs.realpathSync.native(folder);
      if (this.folders.has(real)) return [];
      this.folders.add(real);
      return fs.readdirSync(folder).sort(byCodeUnits);
    } catch (error) {
      this.problems.push({ file: folder, reason: ioReason(error) });
      return [];
    }
  }

  private visit(entry: string, name: string, stack: string[]): void {
    const kind = walkedKind(name);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch (error) {
      // A dangling link or a file that vanished: only worth a word when we would have read it.
      if (kind) this.problems.push({ file: entry, reason: ioReason(error) });
      return;
    }
    if (stat.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(name) && !this.options.isIgnored(entry)) stack.push(entry);
    } else if (stat.isFile() && kind && !this.options.isIgnored(entry)) {
      this.addFile(entry, kind, false, false);
    }
  }
}

/**
 * The files to check under the given absolute paths (each a file or a folder that exists).
 * Targets come back in no particular order; the caller sorts them for display.
 */
export function collectTargets(paths: readonly string[], options: WalkOptions): { targets: Target[]; problems: WalkProblem[] } {
  const walk = new Walk(options);
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      walk.problems.push({ file: given, reason: ioReason(error) });
      continue;
    }
    if (stat.isDirectory()) walk.walkFolder(given);
    else walk.addFile(given, sourceKind(given), true, options.isIgnored(given));
  }
  return { targets: [...walk.targets.values()], problems: walk.problems };
}

/**
 * The files below folders (absolute paths that exist), walked one folder per step so that a
 * long-running caller (the language server) can yield between steps; the generator's return value
 * is what `collectTargets` gives for the same folders.
 */
export function* walkFolders(roots: readonly string[], options: WalkOptions): Generator<void, { targets: Target[]; problems: WalkProblem[] }> {
  const walk = new Walk(options);
  for (const root of roots) yield* walk.folderSteps(root);
  return { targets: [...walk.targets.values()], problems: walk.problems };
}

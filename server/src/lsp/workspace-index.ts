/**
 * The language server's index of the workspace on disk: every Dockerfile and manifest below the
 * workspace folders (read with the CLI walker's rules), kept as its contribution to the checks of
 * the other files only — no text, no syntax tree — so that a large workspace stays small. Built in
 * time slices that yield to the event loop, so that requests and open documents are served while
 * it runs; kept current one file at a time from file events. Open documents are not its business:
 * the checker lets them win over what is indexed here.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { walkedKind, walkFolders, SKIPPED_FOLDERS } from '../cli/walk';
import type { WalkOptions } from '../cli/walk';
import { analyze } from '../engine';
import { KUSTOMIZATION_FILE_NAMES } from '../kubernetes/kustomize';
import { DEFAULT_MAX_FILE_SIZE } from '../limits';
import type { Limits } from '../limits';
import { readSourceFile } from '../source-file';
import type { SourceText } from '../source-file';
import { contributionOf } from '../workspace/index';
import type { FileContribution } from '../workspace/index';

/** Work done between two yields to the event loop. */
const SLICE_MS = 10;

/** One indexed file. */
export interface IndexedFile {
  contribution: FileContribution;
  /** True when the file is checked (a Dockerfile or Kubernetes YAML, not a template or other YAML). */
  checked: boolean;
  /** Size and modification time when it was read: an unchanged stamp needs no second read. */
  stamp: string;
  /** Whether a kustomization used it as a patch when it was read (then it contributes no objects). */
  patch: boolean;
  /** The file size limit it was read under. */
  maxFileSize: number;
}

/** The disk as the index sees it; tests pass an in-memory one. */
export interface IndexFileSystem {
  /** Walks folders one step at a time (see `walkFolders`); returns the files to index. */
  walk(roots: readonly string[], options: WalkOptions): Generator<void, string[]>;
  /** Size and modification time of a file, or null when it is gone or not a file. */
  stamp(file: string): string | null;
  /** The file's text, or why it is not read (larger than `maxFileSize`, not UTF-8). Throws on I/O errors. */
  read(file: string, maxFileSize: number): SourceText;
}

/** The real disk. */
export const DISK: IndexFileSystem = {
  *walk(roots, options) {
    const { targets } = yield* walkFolders(roots, options);
    return targets.map((t) => t.file);
  },
  stamp(file) {
    try {
      const stat = fs.statSync(file);
      return stat.isFile() ? `${stat.size}:${stat.mtimeMs}` : null;
    } catch {
      return null;
    }
  },
  read: readSourceFile,
};

export interface IndexOptions {
  /** True for a file or folder the config (or the settings) say not to check. */
  isIgnored(file: string): boolean;
  /** Told the text of each kustomization found, so that patches anywhere are known. */
  registerKustomization(file: string, text: string): void;
  /** True when a kustomization uses the file as a patch: its objects are partial and define nothing (default: never). */
  isPatch?(file: string): boolean;
  fileSystem?: IndexFileSystem;
  /** The limits files are read under (read live: the editor's settings can change them). */
  limits?: Limits;
  /** Lets other work run between slices (default: `setImmediate`). */
  pause?: () => Promise<void>;
}

/** What one build did, for the log. */
export interface BuildSummary {
  /** Files indexed. */
  indexed: number;
  /** Files found but not read (too large, not UTF-8, unreadable). */
  skipped: number;
  milliseconds: number;
}

/** The index (see the module comment). */
export class WorkspaceIndex {
  private files = new Map<string, IndexedFile>();
  /** Filled by a build in progress; swapped in when it completes. */
  private building: Map<string, IndexedFile> | null = null;
  private readonly kustomizations = new Set<string>();
  private roots: readonly string[] = [];
  private builds = 0;
  private generationCount = 0;
  private readonly fileSystem: IndexFileSystem;
  private readonly pause: () => Promise<void>;

  constructor(private readonly options: IndexOptions) {
    this.fileSystem = options.fileSystem ?? DISK;
    this.pause = options.pause ?? (() => new Promise((resolve) => setImmediate(resolve)));
  }

  /** Changes whenever a file's contribution changes (added, changed key, removed). */
  get generation(): number {
    return this.generationCount;
  }

  /** True while a build runs. */
  get indexing(): boolean {
    return this.building !== null;
  }

  /** The indexed files by path. */
  entries(): IterableIterator<[string, IndexedFile]> {
    return this.files.entries();
  }

  /** The indexed file at a path, if any. */
  get(file: string): IndexedFile | undefined {
    return this.files.get(file);
  }

  /**
   * Walks the folders and reads every file (again: a file whose stamp did not change keeps its
   * entry), yielding between slices; `progress` gets the share done (0-100) as it goes. Returns
   * null when a newer build started meanwhile (that one completes the work).
   */
  async build(roots: readonly string[], progress: (percentage: number) => void = () => undefined): Promise<BuildSummary | null> {
    const started = Date.now();
    const id = ++this.builds;
    this.roots = roots.map((r) => nodePath.resolve(r));
    const previous = this.files;
    const next = new Map<string, IndexedFile>();
    this.building = next;
    const walk = this.fileSystem.walk(this.roots, { isIgnored: (file) => this.options.isIgnored(file) });
    let paths: string[] | null = null;
    let sliceStart = Date.now();
    while (paths === null) {
      const step = walk.next();
      if (step.done) paths = step.value;
      else if (Date.now() - sliceStart >= SLICE_MS) {
        await this.pause();
        if (id !== this.builds) return null;
        sliceStart = Date.now();
      }
    }
    this.kustomizations.clear();
    for (const file of paths) if (isKustomization(file)) this.kustomizations.add(file);
    this.registerKustomizations();
    let skipped = 0;
    for (const [i, file] of paths.entries()) {
      if (Date.now() - sliceStart >= SLICE_MS) {
        progress(Math.floor((i * 100) / paths.length));
        await this.pause();
        if (id !== this.builds) return null;
        sliceStart = Date.now();
      }
      // A file event may have read it already during this build.
      if (next.has(file)) continue;
      const entry = this.read(file, previous.get(file));
      if (entry) next.set(file, entry);
      else skipped++;
    }
    this.building = null;
    this.files = next;
    if (changed(previous, next)) this.generationCount++;
    return { indexed: next.size, skipped, milliseconds: Date.now() - started };
  }

  /**
   * True when the walk would read this file: below a workspace folder, outside `.git` and
   * `node_modules`, named like a Dockerfile or YAML (not our config), not ignored.
   */
  accepts(file: string): boolean {
    const root = this.roots.find((r) => isInside(r, file));
    if (root === undefined) return false;
    const parts = nodePath.relative(root, file).split(nodePath.sep);
    if (parts.slice(0, -1).some((p) => SKIPPED_FOLDERS.has(p))) return false;
    return walkedKind(parts[parts.length - 1]) !== null && !this.options.isIgnored(file);
  }

  /**
   * Reads a created or changed file again (or drops it when it is gone or no longer accepted).
   * Returns true when its contribution changed.
   */
  update(file: string): boolean {
    const entry = this.accepts(file) ? this.read(file, undefined) : null;
    if (this.building) {
      if (entry) this.building.set(file, entry);
      else this.building.delete(file);
    }
    if (isKustomization(file)) {
      if (entry) this.kustomizations.add(file);
      else this.kustomizations.delete(file);
    }
    const before = this.files.get(file);
    if (entry) this.files.set(file, entry);
    else this.files.delete(file);
    const moved = (before?.contribution.key ?? null) !== (entry?.contribution.key ?? null);
    if (moved) this.generationCount++;
    return moved;
  }

  /** Drops a deleted file, or every file below a deleted folder. Returns true when a contribution went away. */
  remove(path: string): boolean {
    let moved = false;
    for (const map of [this.files, this.building]) {
      if (!map) continue;
      for (const file of [...map.keys()]) {
        if (file !== path && !isInside(path, file)) continue;
        map.delete(file);
        if (map === this.files) moved = true;
      }
    }
    for (const file of [...this.kustomizations]) if (file === path || isInside(path, file)) this.kustomizations.delete(file);
    if (moved) this.generationCount++;
    return moved;
  }

  /**
   * Reads again the files whose patch status changed (a kustomization that names them was
   * created, changed or deleted). Returns true when a contribution changed.
   */
  refreshPatches(): boolean {
    let moved = false;
    for (const [file, entry] of [...this.files]) {
      if (this.isPatch(file) !== entry.patch) moved = this.update(file) || moved;
    }
    return moved;
  }

  /** Tells the project every known kustomization again (after it forgot them, e.g. on a config change). */
  registerKustomizations(): void {
    for (const file of this.kustomizations) {
      try {
        const source = this.fileSystem.read(file, this.options.limits?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
        if ('text' in source) this.options.registerKustomization(file, source.text);
      } catch {
        // Unreadable: it names no patches until it can be read.
      }
    }
  }

  /** The entry for a file read now (`known` is kept when its stamp did not change); null when it cannot be read. */
  private read(file: string, known: IndexedFile | undefined): IndexedFile | null {
    const stamp = this.fileSystem.stamp(file);
    if (stamp === null) return null;
    const patch = this.isPatch(file);
    const maxFileSize = this.options.limits?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    if (known?.stamp === stamp && known.patch === patch && known.maxFileSize === maxFileSize) return known;
    let source: SourceText;
    try {
      source = this.fileSystem.read(file, maxFileSize);
    } catch {
      return null;
    }
    if (!('text' in source)) return null;
    try {
      const analysis = analyze({ text: source.text, path: file, maxFileSize });
      const checked = analysis !== null && analysis.kind !== 'skipped';
      return { contribution: contributionOf(analysis, { isPatch: patch }), checked, stamp, patch, maxFileSize };
    } catch {
      // A bug in a parser: the file contributes nothing; opening it shows the failure.
      return { contribution: contributionOf(null), checked: false, stamp, patch, maxFileSize };
    }
  }

  private isPatch(file: string): boolean {
    return this.options.isPatch?.(file) ?? false;
  }
}

/** True for `kustomization.yaml` and its other names. */
export function isKustomization(file: string): boolean {
  return (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(nodePath.basename(file));
}

/** True when `file` is strictly inside `folder`. */
function isInside(folder: string, file: string): boolean {
  const relative = nodePath.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !nodePath.isAbsolute(relative);
}

/** True when two indexes differ in their files or contributions. */
function changed(before: ReadonlyMap<string, IndexedFile>, after: ReadonlyMap<string, IndexedFile>): boolean {
  if (before.size !== after.size) return true;
  for (const [file, entry] of after) if (before.get(file)?.contribution.key !== entry.contribution.key) return true;
  return false;
}

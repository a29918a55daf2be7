/**
 * Checks open documents: each document version is analysed once, its contribution joins those of
 * the files indexed on disk (an open document wins over its file), and the lint result is cached
 * by document version, index generation and project-files generation, so that code actions find
 * the findings the diagnostics came from. Closed files are checked from their text on disk.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigError } from '../config/config';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, bulkFix, fixText, lint, lintInSlices } from '../engine';
import type { Analysis, LintOptions, LintPause, LintResult, RuleFailure, SourceInput } from '../engine';
import type { Finding } from '../findings';
import { YamlDocumentCache } from '../kubernetes/kubectl-yaml';
import { DEFAULT_MAX_FILE_SIZE } from '../limits';
import type { Limits } from '../limits';
import type { Rule, WorkspaceFacts } from '../rules/rule';
import { readSourceFile } from '../source-file';
import { contributionOf, NO_OBJECTS, workspaceFacts } from '../workspace/index';
import type { FileContribution } from '../workspace/index';
import type { OtherFile } from './convert';
import { fileSystemPath } from './project-files';
import type { ProjectFiles } from './project-files';

/** What checking a document gave. */
export type CheckOutcome =
  /** Neither a Dockerfile nor YAML. */
  | { status: 'unsupported' }
  /** Read but not checked, with the reason (a Helm template, YAML that is not Kubernetes, the config's `ignore`). */
  | { status: 'skipped'; reason: string }
  /** The analysis threw: a bug, logged by the caller. */
  | { status: 'failed'; error: Error }
  | { status: 'checked'; kind: 'dockerfile' | 'kubernetes'; findings: Finding[]; failures: RuleFailure[]; configError: ConfigError | null };

/** The files indexed on disk, as the checker needs them (see `WorkspaceIndex`). */
export interface DiskIndex {
  /** Changes whenever an indexed file's contribution changes. */
  readonly generation: number;
  entries(): Iterable<[string, { contribution: FileContribution }]>;
}

export interface CheckerOptions {
  /** Called with a document's URI when its contribution to the workspace index changed. */
  onIndexChange?: (uri: string) => void;
  /** The rules to run (all registered rules by default). */
  rules?: readonly Rule[];
  /** The files on disk whose contributions count too (none by default). */
  disk?: DiskIndex;
  /** The limits documents are checked under (read live: the editor's settings can change them). */
  limits?: Limits;
}

interface Entry {
  version: number;
  input: SourceInput;
  analysis: Analysis | null;
  error: Error | null;
  /** Whether a kustomization used it as a patch when it was analysed (then it contributes no objects). */
  isPatch: boolean;
  contribution: FileContribution;
}

interface CachedOutcome {
  key: string;
  outcome: CheckOutcome;
}

/** The open documents' analyses, workspace index and lint results (see the module comment). */
export class DocumentChecker {
  private readonly entries = new Map<string, Entry>();
  /** Each open document's YAML documents, kept between versions so that an edit reads only what changed. */
  private readonly yamlCaches = new Map<string, YamlDocumentCache>();
  private readonly outcomes = new Map<string, CachedOutcome>();
  /** The sliced checks in flight, per document URI, with the cache key they will be stored under. */
  private readonly running = new Map<string, { key: string; run: Promise<CheckOutcome | null> }>();
  private indexGeneration = 0;
  private cachedFacts: { generation: string; facts: WorkspaceFacts } | null = null;

  private readonly onIndexChange: (uri: string) => void;
  private readonly rules: readonly Rule[] | undefined;
  private readonly disk: DiskIndex | null;
  private readonly limits: Limits;

  /**
   * @param files the project's config and kustomize facts
   * @param openDocuments the open documents, whose contributions win over the indexed files'
   */
  constructor(
    private readonly files: ProjectFiles,
    private readonly openDocuments: () => Iterable<TextDocument>,
    options: CheckerOptions = {},
  ) {
    this.onIndexChange = options.onIndexChange ?? (() => undefined);
    this.rules = options.rules;
    this.disk = options.disk ?? null;
    this.limits = options.limits ?? { maxFileSize: DEFAULT_MAX_FILE_SIZE };
  }

  /** Files larger than this are skipped, open or on disk. */
  get maxFileSize(): number {
    return this.limits.maxFileSize;
  }

  /** Changes whenever the facts given to the rules may change (an open document's or an indexed file's contribution). */
  get generation(): string {
    return `${this.indexGeneration}.${this.disk?.generation ?? 0}`;
  }

  /** Checks the current version of a document; cached until the document, the index or the project files change. */
  check(document: TextDocument): CheckOutcome {
    const { entry, key, cached } = this.lookUp(document);
    if (cached) return cached;
    const outcome = this.run(document.uri, entry);
    this.outcomes.set(document.uri, { key, outcome });
    return outcome;
  }

  /**
   * Checks the current version of a document like `check` (same result, same cache), but gives
   * way to other work: `pause` runs after the analysis and between slices of rules, and the run
   * stops (resolving to null) when it says so. While the run is in flight, `inFlight` returns it.
   */
  async checkInSlices(document: TextDocument, pause: LintPause): Promise<CheckOutcome | null> {
    const { entry, key, cached } = this.lookUp(document);
    if (cached) return cached;
    const run = this.runInSlices(document.uri, entry, pause).then((outcome) => {
      // A synchronous `check` (e.g. for code actions) may have finished first: keep its findings, which it may have handed out.
      const now = this.outcomes.get(document.uri);
      if (now?.key === key) return now.outcome;
      if (outcome && this.entries.get(document.uri) === entry) this.outcomes.set(document.uri, { key, outcome });
      return outcome;
    });
    const flight = { key, run };
    this.running.set(document.uri, flight);
    try {
      return await run;
    } finally {
      if (this.running.get(document.uri) === flight) this.running.delete(document.uri);
    }
  }

  /**
   * The sliced check in flight for the current version of a document (and the current index and
   * project files), or null. It resolves to null if it is stopped.
   */
  inFlight(document: TextDocument): Promise<CheckOutcome | null> | null {
    const flight = this.running.get(document.uri);
    return flight?.key === this.keyOf(document) ? flight.run : null;
  }

  /**
   * The text with every safe fix applied (lint and fix to a fixed point), or null when the
   * document has no safe fix.
   */
  fixAll(document: TextDocument): string | null {
    const outcome = this.check(document);
    if (outcome.status !== 'checked' || !outcome.findings.some((f) => bulkFix(f, { unsafe: false }))) return null;
    const entry = this.entryFor(document);
    const fixed = fixText(entry.input, this.lintOptions(document.uri, entry), { unsafe: false });
    return fixed.applied > 0 ? fixed.text : null;
  }

  /** Checks a file that is not open from its text (read from disk by the caller); not cached. */
  checkClosed(path: string, text: string): CheckOutcome {
    this.refresh();
    return this.run(pathToFileURL(path).href, analyse({ text, path, maxFileSize: this.maxFileSize }, 0, this.files.contextFor(path).isPatch));
  }

  /**
   * The file at a path a related location names (the path the engine was given): the open
   * document's current text when it is open, else the file on disk (null when it cannot be read,
   * is too large or is not UTF-8).
   */
  locate(path: string): OtherFile | null {
    for (const [uri, entry] of this.entries) if (entry.input.path === path) return { uri, text: entry.input.text };
    if (!nodePath.isAbsolute(path)) return null;
    try {
      const source = readSourceFile(path, this.maxFileSize);
      return 'text' in source ? { uri: pathToFileURL(path).href, text: source.text } : null;
    } catch {
      return null;
    }
  }

  /** Drops a closed document from the cache and the index. */
  forget(uri: string): void {
    const entry = this.entries.get(uri);
    this.entries.delete(uri);
    this.outcomes.delete(uri);
    this.yamlCaches.delete(uri);
    if (entry && entry.contribution.key !== '') this.indexChanged(uri);
  }

  /** Brings the open documents up to date; the document's entry, its cache key and the outcome cached under that key. */
  private lookUp(document: TextDocument): { entry: Entry; key: string; cached: CheckOutcome | null } {
    this.refresh();
    const entry = this.entryFor(document);
    const key = this.keyOf(document);
    const cached = this.outcomes.get(document.uri);
    return { entry, key, cached: cached?.key === key ? cached.outcome : null };
  }

  /** Analyses the open documents not analysed at their current version, and drops closed ones. */
  private refresh(): void {
    const open = new Set<string>();
    for (const document of this.openDocuments()) {
      open.add(document.uri);
      this.entryFor(document);
    }
    for (const uri of [...this.entries.keys()]) if (!open.has(uri)) this.forget(uri);
  }

  private entryFor(document: TextDocument): Entry {
    const known = this.entries.get(document.uri);
    const path = fileSystemPath(document.uri);
    // A kustomization created or changed since may name the document as a patch now, or no longer.
    const isPatch = this.files.contextFor(path).isPatch;
    if (known?.version === document.version && known.isPatch === isPatch && known.input.maxFileSize === this.maxFileSize) return known;
    const input = { text: document.getText(), path, languageId: document.languageId, maxFileSize: this.maxFileSize };
    const entry = analyse(input, document.version, isPatch, this.yamlCacheFor(document.uri));
    this.entries.set(document.uri, entry);
    if ((known?.contribution.key ?? '') !== entry.contribution.key) this.indexChanged(document.uri);
    return entry;
  }

  private yamlCacheFor(uri: string): YamlDocumentCache {
    let cache = this.yamlCaches.get(uri);
    if (!cache) this.yamlCaches.set(uri, (cache = new YamlDocumentCache()));
    return cache;
  }

  private indexChanged(uri: string): void {
    this.indexGeneration++;
    this.onIndexChange(uri);
  }

  /** The facts over every open document and every indexed file that is not open; cached per generation. */
  private facts(): WorkspaceFacts {
    const generation = this.generation;
    if (this.cachedFacts?.generation === generation) return this.cachedFacts.facts;
    // An untitled document is no part of the workspace: its objects count for itself only (see lintOptions).
    const open = [...this.entries.values()].map((e) => (e.input.path === undefined ? { ...e.contribution, objects: NO_OBJECTS } : e.contribution));
    const openPaths = new Set(open.map((c) => c.path));
    const contributions = [...open];
    for (const [path, { contribution }] of this.disk?.entries() ?? []) if (!openPaths.has(path)) contributions.push(contribution);
    const facts = workspaceFacts(contributions, existsOnDisk);
    this.cachedFacts = { generation, facts };
    return facts;
  }

  /**
   * Lint options for a document or closed file (by URI): its config under the settings, its patch
   * status, the facts. An untitled document's cross-file checks see its own objects only, as a CLI
   * run over that one file would: it is not part of the workspace yet.
   */
  private lintOptions(uri: string, entry: Entry): LintOptions {
    const context = this.files.contextForDocument(uri);
    const shared = this.facts();
    const workspace = entry.input.path === undefined ? { ...shared, objects: workspaceFacts([entry.contribution]).objects } : shared;
    return { config: context.config, isPatch: context.isPatch, workspace, rules: this.rules };
  }

  /** The cache key of a document's outcome: its version, the facts' generation, the project files' generation. */
  private keyOf(document: TextDocument): string {
    return `${document.version}:${this.generation}:${this.files.generation}:${this.maxFileSize}`;
  }

  private run(uri: string, entry: Entry): CheckOutcome {
    const work = this.lintWork(uri, entry);
    return 'status' in work ? work : checked(work, lint(work.analysis, work.options));
  }

  private async runInSlices(uri: string, entry: Entry, pause: LintPause): Promise<CheckOutcome | null> {
    // The analysis was one synchronous step: let waiting requests in before the rules run.
    if (!(await pause())) return null;
    const work = this.lintWork(uri, entry);
    if ('status' in work) return work;
    const result = await lintInSlices(work.analysis, work.options, pause);
    return result === null ? null : checked(work, result);
  }

  /** What to lint for a document or closed file, or its outcome when there is nothing to lint. */
  private lintWork(uri: string, entry: Entry): LintWork | CheckOutcome {
    if (entry.error) return { status: 'failed', error: entry.error };
    if (!entry.analysis) return { status: 'unsupported' };
    if (entry.analysis.kind === 'skipped') return { status: 'skipped', reason: entry.analysis.reason };
    const context = this.files.contextForDocument(uri);
    if (context.ignored) return { status: 'skipped', reason: context.ignoredBy ?? 'a config lists it under ignorePaths' };
    return { analysis: entry.analysis, kind: entry.analysis.kind, options: this.lintOptions(uri, entry), configError: context.configError };
  }
}

/** A file to lint: its analysis, the options, and the config problem to report with its findings. */
interface LintWork {
  analysis: Analysis;
  kind: 'dockerfile' | 'kubernetes';
  options: LintOptions;
  configError: ConfigError | null;
}

function checked(work: LintWork, result: LintResult): CheckOutcome {
  return { status: 'checked', kind: work.kind, findings: result.findings, failures: result.failures, configError: work.configError };
}

/** Analyses one document version (or a closed file's text); never throws (a failure is kept on the entry). */
function analyse(input: SourceInput, version: number, isPatch: boolean, yamlCache?: YamlDocumentCache): Entry {
  try {
    const analysis = analyze(input, { yamlCache });
    return { version, input, analysis, error: null, isPatch, contribution: contributionOf(analysis, { isPatch }) };
  } catch (error) {
    return { version, input, analysis: null, error: asError(error), isPatch, contribution: contributionOf(null) };
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Whether an absolute path exists on disk; null for paths of documents that are not files. */
function existsOnDisk(path: string): boolean | null {
  return nodePath.isAbsolute(path) ? fs.existsSync(path) : null;
}

/**
 * Checks open documents: each document version is analysed once, its image tags feed the
 * workspace index, and the lint result is cached by document version, workspace-index generation
 * and project-files generation, so that code actions find the findings the diagnostics came from.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigError } from '../config/config';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { analyze, bulkFix, fixText, lint } from '../engine';
import type { Analysis, LintOptions, RuleFailure, SourceInput } from '../engine';
import type { Finding } from '../findings';
import type { Rule, WorkspaceFacts } from '../rules/rule';
import { contributionOf, workspaceFacts } from '../workspace/index';
import type { FileContribution } from '../workspace/index';
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

export interface CheckerOptions {
  /** Called with a document's URI when its contribution to the workspace index changed. */
  onIndexChange?: (uri: string) => void;
  /** The rules to run (all registered rules by default). */
  rules?: readonly Rule[];
}

interface Entry {
  version: number;
  input: SourceInput;
  analysis: Analysis | null;
  error: Error | null;
  contribution: FileContribution;
}

interface CachedOutcome {
  key: string;
  outcome: CheckOutcome;
}

/** The open documents' analyses, workspace index and lint results (see the module comment). */
export class DocumentChecker {
  private readonly entries = new Map<string, Entry>();
  private readonly outcomes = new Map<string, CachedOutcome>();
  private indexGeneration = 0;

  private readonly onIndexChange: (uri: string) => void;
  private readonly rules: readonly Rule[] | undefined;

  /**
   * @param files the project's config and kustomize facts
   * @param openDocuments the documents whose image tags make up the workspace index
   */
  constructor(
    private readonly files: ProjectFiles,
    private readonly openDocuments: () => Iterable<TextDocument>,
    options: CheckerOptions = {},
  ) {
    this.onIndexChange = options.onIndexChange ?? (() => undefined);
    this.rules = options.rules;
  }

  /** Changes whenever the workspace index changes (a document's image tags, a document closed). */
  get generation(): number {
    return this.indexGeneration;
  }

  /** Checks the current version of a document; cached until the document, the index or the project files change. */
  check(document: TextDocument): CheckOutcome {
    this.refresh();
    const entry = this.entryFor(document);
    const key = `${document.version}:${this.indexGeneration}:${this.files.generation}`;
    const cached = this.outcomes.get(document.uri);
    if (cached?.key === key) return cached.outcome;
    const outcome = this.run(document, entry);
    this.outcomes.set(document.uri, { key, outcome });
    return outcome;
  }

  /**
   * The text with every safe fix applied (lint and fix to a fixed point), or null when the
   * document has no safe fix.
   */
  fixAll(document: TextDocument): string | null {
    const outcome = this.check(document);
    if (outcome.status !== 'checked' || !outcome.findings.some((f) => bulkFix(f, { unsafe: false }))) return null;
    const entry = this.entryFor(document);
    const fixed = fixText(entry.input, this.lintOptions(document), { unsafe: false });
    return fixed.applied > 0 ? fixed.text : null;
  }

  /** Drops a closed document from the cache and the index. */
  forget(uri: string): void {
    const entry = this.entries.get(uri);
    this.entries.delete(uri);
    this.outcomes.delete(uri);
    if (entry && entry.contribution.key !== '') this.indexChanged(uri);
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
    if (known?.version === document.version) return known;
    const entry = analyse(document);
    this.entries.set(document.uri, entry);
    if ((known?.contribution.key ?? '') !== entry.contribution.key) this.indexChanged(document.uri);
    return entry;
  }

  private indexChanged(uri: string): void {
    this.indexGeneration++;
    this.onIndexChange(uri);
  }

  private facts(): WorkspaceFacts {
    return workspaceFacts([...this.entries.values()].map((e) => e.contribution), existsOnDisk);
  }

  private lintOptions(document: TextDocument): LintOptions {
    const context = this.files.contextForDocument(document.uri);
    return { config: context.config, isPatch: context.isPatch, workspace: this.facts(), rules: this.rules };
  }

  private run(document: TextDocument, entry: Entry): CheckOutcome {
    if (entry.error) return { status: 'failed', error: entry.error };
    if (!entry.analysis) return { status: 'unsupported' };
    if (entry.analysis.kind === 'skipped') return { status: 'skipped', reason: entry.analysis.reason };
    const context = this.files.contextForDocument(document.uri);
    if (context.ignored) return { status: 'skipped', reason: context.ignoredBy ?? 'a config lists it under ignorePaths' };
    const result = lint(entry.analysis, this.lintOptions(document));
    return { status: 'checked', kind: entry.analysis.kind, findings: result.findings, failures: result.failures, configError: context.configError };
  }
}

/** Analyses one document version; never throws (a failure is kept on the entry). */
function analyse(document: TextDocument): Entry {
  const input: SourceInput = { text: document.getText(), path: fileSystemPath(document.uri), languageId: document.languageId };
  try {
    const analysis = analyze(input);
    return { version: document.version, input, analysis, error: null, contribution: contributionOf(analysis) };
  } catch (error) {
    return { version: document.version, input, analysis: null, error: asError(error), contribution: contributionOf(null) };
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Whether an absolute path exists on disk; null for paths of documents that are not files. */
function existsOnDisk(path: string): boolean | null {
  return nodePath.isAbsolute(path) ? fs.existsSync(path) : null;
}

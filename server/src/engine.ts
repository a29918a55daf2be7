/**
 * The engine: decides what a file is, parses it once, runs the rules, applies the
 * configuration and the ignore comments, and applies fixes. Plain functions over text.
 */
import { foreignDirective, foreignSeverity } from './compat/foreign';
import type { Config } from './config/config';
import { DEFAULT_CONFIG } from './config/config';
import type { DockerfileModel } from './dockerfile/model';
import { parseDockerfile } from './dockerfile/parser';
import { dockerfileIgnoreFix, dockerfileIgnores } from './dockerfile/suppress';
import { isUnrenderedTemplate } from './dockerfile/template';
import { compareFindings } from './findings';
import type { FileKind, Finding, Fix, NewFile, TextEdit } from './findings';
import { KUSTOMIZATION_FILE_NAMES } from './kubernetes/kustomize';
import type { KubeFile } from './kubernetes/model';
import { parseKubernetes } from './kubernetes/model';
import type { YamlDocumentCache } from './kubernetes/kubectl-yaml';
import { yamlIgnoreFix, yamlIgnores } from './kubernetes/suppress';
import { RULES, ruleById } from './rules/index';
import type { Report, Rule, WorkspaceFacts } from './rules/rule';
import { NO_WORKSPACE_FACTS } from './rules/rule';
import { DEFAULT_MAX_FILE_SIZE, tooLargeReason } from './limits';
import { siblingPath } from './paths';
import { applySuppressions } from './suppress';
import type { IgnoreDirective } from './suppress';

export interface SourceInput {
  text: string;
  /** File path or URI path; decides the file kind together with `languageId`. */
  path?: string;
  /** The editor's language id (`dockerfile`, `yaml`), for untitled documents. */
  languageId?: string;
  /** Texts longer than this are skipped (default `DEFAULT_MAX_FILE_SIZE`, see limits.ts). */
  maxFileSize?: number;
}

export type Analysis =
  | { kind: 'dockerfile'; text: string; path: string | undefined; model: DockerfileModel }
  | { kind: 'kubernetes'; text: string; path: string | undefined; model: KubeFile }
  | { kind: 'skipped'; text: string; path: string | undefined; reason: string };

const DOCKERFILE_NAME = /^(?:(?:docker|container)file(?:\..+)?|.+\.(?:dockerfile|containerfile))$/i;
const YAML_NAME = /\.ya?ml$/i;
/** Build context ignore files, including `<Dockerfile name>.dockerignore`. */
const IGNORE_FILE = /\.(?:dockerignore|containerignore)$/i;

/** The kind of file a path (or editor language) names, or null for files Kube Ready does not read. */
export function sourceKind(path: string | undefined, languageId?: string): 'dockerfile' | 'yaml' | null {
  const base = (path ?? '').split(/[\\/]/).pop() ?? '';
  // `Dockerfile.prod.dockerignore` is the ignore file of `Dockerfile.prod`, whatever an editor calls it.
  if (IGNORE_FILE.test(base)) return null;
  if (languageId === 'dockerfile') return 'dockerfile';
  if (languageId === 'yaml') return 'yaml';
  if (YAML_NAME.test(base)) return 'yaml';
  if (DOCKERFILE_NAME.test(base) && !/\.(?:md|txt|json|ya?ml|sh|bak|orig|swp)$/i.test(base)) return 'dockerfile';
  return null;
}

/** How to analyse: `yamlCache` keeps a YAML file's documents between versions of the file (see `YamlDocumentCache`). */
export interface AnalyzeOptions {
  yamlCache?: YamlDocumentCache;
}

/** Parses a file once for every rule. Null when the file is neither a Dockerfile nor YAML. */
export function analyze(input: SourceInput, options: AnalyzeOptions = {}): Analysis | null {
  const kind = sourceKind(input.path, input.languageId);
  if (!kind) return null;
  const { text, path } = input;
  const maxFileSize = input.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > maxFileSize) return { kind: 'skipped', text: '', path, reason: tooLargeReason(maxFileSize) };
  // Neither a Dockerfile nor YAML may hold NUL: the file is binary, whatever its name.
  if (text.includes('\0')) return { kind: 'skipped', text, path, reason: 'a binary file (it holds NUL characters), not text' };
  if (kind === 'dockerfile') {
    const model = parseDockerfile(text);
    if (isUnrenderedTemplate(model)) return { kind: 'skipped', text, path, reason: 'a template ({{ … }}): its Dockerfile exists only after rendering' };
    return { kind: 'dockerfile', text, path, model };
  }
  const model = parseKubernetes(text, path, options.yamlCache);
  if (model.skipped) return { kind: 'skipped', text, path, reason: model.skipped };
  if (model.manifests.length === 0 && model.errors.length === 0) {
    return { kind: 'skipped', text, path, reason: noObjectsReason(model, path) };
  }
  return { kind: 'kubernetes', text, path, model };
}

/** Why a YAML file without Kubernetes objects is not checked: tool configuration, or no `apiVersion` and `kind`. */
function noObjectsReason(model: KubeFile, path: string | undefined): string {
  if (model.toolConfig) return `${model.toolConfig}: tool configuration, not a Kubernetes object`;
  const base = (path ?? '').split(/[\\/]/).pop() ?? '';
  if ((KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(base)) return 'a kustomization: tool configuration, not a Kubernetes object';
  return 'YAML without Kubernetes objects (no apiVersion and kind)';
}

export interface LintOptions {
  config?: Config;
  workspace?: WorkspaceFacts;
  /** The file is a kustomize patch (partial objects). */
  isPatch?: boolean;
  /** The rules to run (all registered rules by default). */
  rules?: readonly Rule[];
}

/** A rule that threw: the other rules' findings still count. */
export interface RuleFailure {
  ruleId: string;
  error: Error;
}

export interface LintResult {
  findings: Finding[];
  failures: RuleFailure[];
}

/** Runs the rules over an analysed file. */
export function lint(analysis: Analysis, options: LintOptions = {}): LintResult {
  const steps = lintSteps(analysis, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Between two slices of a sliced lint: lets other work run (e.g. awaits `setImmediate`) and
 * resolves true to go on, false to stop (the result is no longer wanted).
 */
export type LintPause = () => Promise<boolean>;

/** Work done between two pauses of `lintInSlices`, in milliseconds (a rule is never split). */
export const LINT_SLICE_MS = 10;

/**
 * Runs the rules like `lint` (same result), but gives way once a slice of rules took
 * `LINT_SLICE_MS`, and before the ignore comments apply: `pause` lets other work run and says
 * whether to go on. Resolves to null when a pause said stop.
 */
export async function lintInSlices(analysis: Analysis, options: LintOptions, pause: LintPause): Promise<LintResult | null> {
  const steps = lintSteps(analysis, options);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (step.value === 'rule' && performance.now() - sliceStart < LINT_SLICE_MS) continue;
    if (!(await pause())) return null;
    sliceStart = performance.now();
  }
}

/**
 * The lint as steps: yields 'rule' after each rule that ran and 'rules-done' before the ignore
 * comments apply; returns the result.
 */
function* lintSteps(analysis: Analysis, options: LintOptions): Generator<'rule' | 'rules-done', LintResult> {
  if (analysis.kind === 'skipped') return { findings: [], failures: [] };
  const config = options.config ?? DEFAULT_CONFIG;
  const workspace = options.workspace ?? NO_WORKSPACE_FACTS;
  const fileKind: FileKind = analysis.kind;
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  for (const rule of options.rules ?? RULES) {
    const configured = config.rules[rule.meta.id];
    if (configured === 'off' || !rule.meta.appliesTo.includes(fileKind)) continue;
    const report = (r: Report): void => {
      findings.push({
        ruleId: rule.meta.id,
        severity: configured ?? foreignSeverity(config, rule.meta.id, r.aspects) ?? r.severity ?? rule.meta.defaultSeverity,
        message: r.message,
        start: r.start,
        end: r.end,
        fixes: r.fixes ?? [],
        related: r.related ?? [],
        ...(r.aspects ? { aspects: r.aspects } : {}),
      });
    };
    const base = { text: analysis.text, path: analysis.path, config, workspace, report };
    try {
      if (analysis.kind === 'dockerfile') rule.checkDockerfile?.({ ...base, model: analysis.model });
      else rule.checkKubernetes?.({ ...base, model: analysis.model, isPatch: options.isPatch ?? false });
    } catch (error) {
      failures.push({ ruleId: rule.meta.id, error: error instanceof Error ? error : new Error(String(error)) });
    }
    yield 'rule';
  }
  yield 'rules-done';
  const directives = ignoreDirectives(analysis);
  const fromConfig = foreignDirective(config, analysis.text.length);
  if (fromConfig) directives.push(fromConfig);
  const kept = applySuppressions(findings, directives, isIgnorable);
  for (const finding of kept) {
    if (!isIgnorable(finding.ruleId)) continue;
    const fix = ignoreFix(analysis, finding, directives);
    if (fix) finding.fixes.push(fix);
  }
  return { findings: kept.sort(compareFindings), failures };
}

function isIgnorable(ruleId: string): boolean {
  return ruleById(ruleId)?.meta.ignorable !== false;
}

function ignoreDirectives(analysis: Analysis): IgnoreDirective[] {
  if (analysis.kind === 'dockerfile') return dockerfileIgnores(analysis.model);
  if (analysis.kind === 'kubernetes') return yamlIgnores(analysis.model);
  return [];
}

function ignoreFix(analysis: Analysis, finding: Finding, directives: IgnoreDirective[]): Fix | null {
  if (analysis.kind === 'dockerfile') return dockerfileIgnoreFix(analysis.model, finding.ruleId, finding.start, directives);
  if (analysis.kind === 'kubernetes') return yamlIgnoreFix(analysis.model, finding.ruleId, finding.start, directives);
  return null;
}

/** Analyses and lints in one call. */
export function lintText(input: SourceInput, options: LintOptions = {}): LintResult & { analysis: Analysis | null } {
  const analysis = analyze(input);
  if (!analysis) return { analysis, findings: [], failures: [] };
  return { analysis, ...lint(analysis, options) };
}

/** Which fixes to apply in bulk. */
export interface FixMode {
  /** Also apply unsafe fixes (never suppressions, never fixes that need input). */
  unsafe: boolean;
  /** False to leave out fixes that create files (a text from stdin: nothing is written to disk). Default true. */
  createFiles?: boolean;
}

/** The fix to apply in bulk for a finding: the first fix of the allowed safety that needs no input. */
export function bulkFix(finding: Finding, mode: FixMode): Fix | null {
  const canApply = (f: Fix): boolean => f.edits.length > 0 || (f.createFile !== undefined && mode.createFiles !== false);
  return finding.fixes.find((f) => !f.suppression && !f.input && canApply(f) && (f.safety === 'safe' || mode.unsafe)) ?? null;
}

/**
 * Applies at most one fix per finding, skipping fixes whose edits overlap edits already taken.
 * Returns the new text and how many fixes were applied.
 */
export function applyFixes(text: string, findings: readonly Finding[], mode: FixMode): FixResult {
  const taken = new TakenEdits();
  const created: NewFile[] = [];
  let applied = 0;
  for (const finding of findings) {
    const fix = bulkFix(finding, mode);
    if (!fix) continue;
    if (fix.edits.some((e) => taken.overlapsAny(e))) continue;
    if (fix.createFile && created.some((f) => f.path === fix.createFile?.path)) continue;
    for (const edit of fix.edits) taken.add(edit);
    if (fix.createFile) created.push(fix.createFile);
    applied++;
  }
  return { text: applyEdits(text, taken.edits), applied, created };
}

/** What applying fixes gives: the new text, how many fixes, and the files to create next to it. */
export interface FixResult {
  text: string;
  applied: number;
  created: NewFile[];
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end || a.start === b.start;
}

/** Non-overlapping edits kept sorted by start, so that a new edit is checked in logarithmic time. */
class TakenEdits {
  readonly edits: TextEdit[] = [];

  /** Index of the first edit whose start is greater than `offset`. */
  private upperBound(offset: number): number {
    let lo = 0;
    let hi = this.edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.edits[mid].start <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  overlapsAny(edit: TextEdit): boolean {
    // Only the edit starting at or before `edit.start`, and those starting up to `edit.end`, can overlap.
    for (let i = Math.max(0, this.upperBound(edit.start) - 1); i < this.edits.length && this.edits[i].start <= edit.end; i++) {
      if (overlaps(edit, this.edits[i])) return true;
    }
    return false;
  }

  add(edit: TextEdit): void {
    this.edits.splice(this.upperBound(edit.start), 0, edit);
  }
}

/**
 * Applies non-overlapping edits to a text in one pass. Insertions at the same offset land in
 * reverse order of `edits` (the last one first), before a replacement that starts there.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || b.index - a.index);
  const parts: string[] = [];
  let cursor = 0;
  for (const { edit } of sorted) {
    if (edit.start < cursor) return applyOneByOne(text, edits);
    parts.push(text.slice(cursor, edit.start), edit.newText);
    cursor = edit.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

/** Edits that overlap each other, applied from the end of the text backwards. */
function applyOneByOne(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** Passes of lint-and-fix before giving up on reaching a fixed point (as ESLint does). */
export const MAX_FIX_PASSES = 10;

/**
 * Lints and fixes a file until no bulk fix is left (or `MAX_FIX_PASSES` passes). Returns the
 * final text, the number of fixes applied, and the findings that remain.
 */
export function fixText(input: SourceInput, options: LintOptions, mode: FixMode): FixResult & { result: LintResult } {
  let text = input.text;
  let applied = 0;
  const created: NewFile[] = [];
  let result = lintText({ ...input, text }, options);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const next = applyFixes(text, result.findings, mode);
    if (next.applied === 0) break;
    text = next.text;
    applied += next.applied;
    created.push(...next.created);
    // Files created by a fix exist from now on, as far as the next pass is concerned.
    const workspace = options.workspace ?? NO_WORKSPACE_FACTS;
    const made = new Set(created.map((f) => siblingPath(input.path ?? '', f.path)));
    options = { ...options, workspace: { ...workspace, fileExists: (p) => made.has(p) || workspace.fileExists(p) } };
    result = lintText({ ...input, text }, options);
  }
  return { text, applied, created, result };
}


import type { Span } from './text';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Which kind of file a rule reads. */
export type FileKind = 'dockerfile' | 'kubernetes';

/** Replace `[start, end)` of the document's text with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * How far a fix can be trusted:
 * - `safe` keeps the file's meaning; applied in bulk (fix-all on save, `kubeready --fix`);
 * - `unsafe` changes what runs; offered one at a time, applied in bulk only with `--unsafe-fixes`.
 */
export type FixSafety = 'safe' | 'unsafe';

/** A value the user must type before a fix can be applied (the client asks for it). */
export interface FixInput {
  /** What the input is, so the client knows how to ask and validate. */
  kind: 'image-tag';
  prompt: string;
  placeholder: string;
  /** The edit to make: `[start, end)` is replaced by `prefix + <input>`. */
  start: number;
  end: number;
  prefix: string;
}

export interface Fix {
  title: string;
  safety: FixSafety;
  /** Non-overlapping edits of the same document. Empty when `input` is set. */
  edits: TextEdit[];
  /** The first fix a user should reach for (VS Code marks it preferred). */
  preferred?: boolean;
  /** Set when the fix needs a value from the user; such fixes are never applied in bulk. */
  input?: FixInput;
  /** True for the "Ignore <rule> here" fixes, which are never applied in bulk. */
  suppression?: boolean;
  /**
   * A new file the fix creates, next to the checked one (`path` is relative to the checked file's
   * folder). Applied only when no such file exists yet.
   */
  createFile?: NewFile;
}

export interface NewFile {
  path: string;
  content: string;
}

export interface RelatedLocation extends Span {
  message: string;
  /**
   * The other file the location is in, as the face gave its path to the engine
   * (`FileContribution.path`); absent for a location in the checked file itself.
   */
  path?: string;
}

export interface Finding extends Span {
  ruleId: string;
  severity: Severity;
  message: string;
  fixes: Fix[];
  related: RelatedLocation[];
  /** Which case of its rule the finding is, for tools that split the rule in several checks (see compat/ids.ts). */
  aspects?: readonly string[];
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}

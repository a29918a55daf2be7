/**
 * Settings another tool's config file adds to a file's configuration (today `.hadolint.yaml`), and
 * how the engine applies them: rule parts turned off for the whole file, and severities.
 */
import type { Config } from '../config/config';
import type { Severity } from '../findings';
import type { IgnoreDirective } from '../suppress';
import { covers } from './ids';
import type { Coverage } from './ids';

export interface ForeignConfig {
  /** The file the settings come from. */
  source: string;
  /** What the file turns off. */
  ignore: Coverage;
  /** Severities by what they apply to, the first match winning. */
  severities: readonly { coverage: Coverage; severity: Severity }[];
}

/** The severity another tool's config sets for a finding, or undefined. */
export function foreignSeverity(config: Config, ruleId: string, aspects: readonly string[] | undefined): Severity | undefined {
  return config.foreign?.severities.find((s) => covers(s.coverage, { ruleId, aspects }))?.severity;
}

/** What another tool's config turns off, as an ignore over the whole text; null when nothing. */
export function foreignDirective(config: Config, textLength: number): IgnoreDirective | null {
  const ignore = config.foreign?.ignore;
  if (!ignore || ignore.ids.length === 0) return null;
  const whole = { start: 0, end: textLength };
  return { ids: ignore.ids, aspects: ignore.aspects, foreign: true, comment: { start: 0, end: 0 }, idsEnd: 0, target: whole };
}

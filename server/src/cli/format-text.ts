/**
 * The text report: one line per finding, `path:line:col: severity message [rule-id]` (the
 * unix format editors and CI logs turn into links), then a blank line and a summary.
 * Prints nothing at all for a clean run.
 */
import type { Severity } from '../findings';
import type { FileReport, LocatedFinding, RunReport } from './report';
import { warningLimitMessage } from './report';

export interface TextOptions {
  /** ANSI colours (only for a terminal, and never when NO_COLOR is set). */
  color: boolean;
}

const COLORS: Record<Severity | 'dim' | 'bold', string> = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
};
const RESET = '\u001b[0m';

function paint(text: string, style: keyof typeof COLORS, options: TextOptions): string {
  return options.color ? `${COLORS[style]}${text}${RESET}` : text;
}

/** `1 error`, `2 warnings`. */
function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A message on one line, whatever the rule wrote. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** The line for one finding. */
export function findingLine(file: FileReport, finding: LocatedFinding, options: TextOptions): string {
  const where = `${file.path}:${finding.line}:${finding.column}:`;
  const rule = paint(`[${finding.ruleId}]`, 'dim', options);
  return `${where} ${paint(finding.severity, finding.severity, options)} ${oneLine(finding.message)} ${rule}`;
}

/** The closing lines: how many problems, and how many `--fix` could fix. */
export function summaryLines(report: RunReport, options: TextOptions): string[] {
  const findings = report.files.flatMap((f) => f.findings);
  const by = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  const hidden = report.hidden > 0 ? `, ${report.hidden} more hidden by --quiet` : '';
  const lines = [
    paint(`${count(findings.length, 'problem')} (${count(by('error'), 'error')}, ${count(by('warning'), 'warning')}, ${count(by('info'), 'info')})${hidden}`, 'bold', options),
  ];
  const safe = findings.filter((f) => f.autofix === 'safe').length;
  const unsafe = findings.filter((f) => f.autofix === 'unsafe').length;
  if (safe > 0) lines.push(`${safe} fixable with --fix`);
  if (unsafe > 0 && !report.fixMode?.unsafe) {
    lines.push(`${unsafe} ${safe > 0 ? 'more ' : ''}fixable with --fix --unsafe-fixes (review the changes)`);
  }
  const limit = warningLimitMessage(report);
  if (limit !== null) lines.push(limit);
  return lines;
}

/** The whole text report; empty when there is nothing to say. */
export function formatText(report: RunReport, options: TextOptions): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const finding of file.findings) {
      lines.push(findingLine(file, finding, options));
      // A place in another file cannot be seen from this line: name it below.
      for (const r of finding.related) if (r.path !== undefined) lines.push(`  ${r.path}:${r.line}:${r.column}: ${paint(oneLine(r.message), 'dim', options)}`);
    }
  }
  if (lines.length === 0 && !report.failed) return '';
  if (lines.length > 0) lines.push('');
  lines.push(...summaryLines(report, options));
  return lines.join('\n') + '\n';
}

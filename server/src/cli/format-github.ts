/**
 * The `github` report: one GitHub Actions workflow command per finding, which the runner turns
 * into an annotation on the file and line (in the run's summary and on the pull request diff):
 *
 * ```
 * ::warning file=k8s/app.yaml,line=6,col=9,endLine=6,endColumn=21,title=LoadBalancer Service (loadbalancer-cost)::<message>
 * ```
 *
 * Errors are `::error`, warnings `::warning`, infos `::notice`. Paths are relative to the working
 * folder (run from the repository root), `/`-separated. Data and property values are escaped as
 * the runner expects, so a message of several lines stays one command line. Run problems
 * (unreadable files, invalid configs, rule crashes) become `::error` annotations as well, and too
 * many warnings (`--max-warnings`) one more; the summary is an ordinary log line.
 */
import type { Severity } from '../findings';
import { docsUrl } from '../rules/docs';
import { ruleById } from '../rules/index';
import { summaryLines } from './format-text';
import type { FileReport, LocatedFinding, RunProblem, RunReport } from './report';
import { warningLimitMessage } from './report';

type Command = 'error' | 'warning' | 'notice';

/** The workflow command for a severity. */
export function githubCommand(severity: Severity): Command {
  return severity === 'info' ? 'notice' : severity;
}

/** Escapes a command's message: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: as the message, plus `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line; properties in the given order, undefined ones left out. */
function command(name: Command, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`;
}

/** The annotation's message: the finding's, its related places, and the rule's docs. */
function findingMessage(file: FileReport, finding: LocatedFinding): string {
  const related = finding.related.map((r) => `${r.path ?? file.path}:${r.line}:${r.column}: ${r.message}`);
  return [finding.message, ...related, `Docs: ${docsUrl(finding.ruleId)}`].join('\n');
}

/** The annotation for one finding. */
export function findingCommand(file: FileReport, finding: LocatedFinding): string {
  const title = ruleById(finding.ruleId)?.meta.title;
  return command(
    githubCommand(finding.severity),
    {
      file: file.path,
      line: finding.line,
      col: finding.column,
      endLine: finding.endLine,
      endColumn: finding.endColumn,
      title: title ? `${title} (${finding.ruleId})` : finding.ruleId,
    },
    findingMessage(file, finding),
  );
}

function problemCommand(problem: RunProblem): string {
  return command('error', { file: problem.path ?? undefined, line: problem.line, col: problem.column, title: 'kubeready' }, problem.message);
}

/** The whole report: annotations, then the text summary (plain log lines); empty for a clean run. */
export function formatGithub(report: RunReport): string {
  const lines = report.files.flatMap((file) => file.findings.map((finding) => findingCommand(file, finding)));
  lines.push(...report.problems.map(problemCommand));
  const limit = warningLimitMessage(report);
  if (limit !== null) lines.push(command('error', { title: 'kubeready' }, limit));
  if (lines.length === 0 && !report.failed) return '';
  // The summary starts with a count, never with `::`, so the runner leaves it alone.
  lines.push(...summaryLines(report, { color: false }));
  return lines.join('\n') + '\n';
}

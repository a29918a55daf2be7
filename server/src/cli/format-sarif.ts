/**
 * The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers: one run, every
 * registered rule in `tool.driver.rules` (with help drawn from its docs page), one result per
 * finding. Paths are relative to `%SRCROOT%` (the working folder); regions are 1-based with
 * columns in UTF-16 code units (`columnKind: utf16CodeUnits`, SARIF's default) and an exclusive
 * end column. Unreadable files, broken configs and rule crashes become tool execution
 * notifications.
 *
 * Each result has a partial fingerprint `kubereadyFinding/v2` that code scanning uses to track an
 * alert across commits: the SHA-256 (hex) of the file's path, the rule id, the text of the
 * finding's first line with the finding's own span masked (see `fingerprintText`) and its
 * whitespace normalised (trimmed, runs collapsed to one space), and how many earlier findings of
 * the same file share that rule id and text. It stays the same when lines above move, and changes
 * when the line around the finding or the file's name changes. The span is masked because an
 * unsalted hash of a short line that holds a secret (`password: hunter2`) can be brute-forced.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../findings';
import { docsUrl } from '../rules/docs';
import { RULES } from '../rules/index';
import type { FileReport, LocatedFinding, Region, RunReport } from './report';
import { ruleHelp } from './rule-help';

/** The `$schema` GitHub and the SARIF tools recognise for 2.1.0. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** A Semantic Versioning 2.0 version, as `semanticVersion` requires. */
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The partial fingerprint's name; the version changes with the scheme. */
export const FINGERPRINT_KEY = 'kubereadyFinding/v2';
/** What stands for the masked parts of a line in the hashed text. */
const MASK = '\u2026';

export interface SarifTool {
  version: string;
  /** The project's home page. */
  informationUri: string;
  /** The text of a rule's docs page, null when it is missing; rules get their description only without it. */
  rulePage?: (ruleId: string) => string | null;
}

/** SARIF levels for our severities. */
export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}

/** `latest-tag` -> `LatestTag`: SARIF rule names are identifier-like. */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());
}

/** A relative display path as a URI reference (each segment percent-encoded). */
export function relativeUri(displayPath: string): string {
  return displayPath.split('/').map(encodeURIComponent).join('/');
}

function region(r: Region): Record<string, number> {
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

/** How code scanning ranks a rule's problems (`problem.severity`). */
function problemSeverity(severity: Severity): 'error' | 'warning' | 'recommendation' {
  return severity === 'info' ? 'recommendation' : severity;
}

function location(path: string, r: Region): Record<string, unknown> {
  return {
    physicalLocation: {
      artifactLocation: { uri: relativeUri(path), uriBaseId: SRCROOT },
      region: region(r),
    },
  };
}

function driverRules(rulePage: (ruleId: string) => string | null): Record<string, unknown>[] {
  return RULES.map(({ meta }) => ({
    id: meta.id,
    name: ruleName(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: ruleHelp(meta, rulePage(meta.id)),
    helpUri: docsUrl(meta.id),
    defaultConfiguration: { level: sarifLevel(meta.defaultSeverity) },
    properties: { tags: [...meta.appliesTo], precision: 'high', 'problem.severity': problemSeverity(meta.defaultSeverity) },
  }));
}

/**
 * The text of a finding's first line that its fingerprint hashes: the line up to the finding, then
 * a mask for the finding's text and the rest of the line; when the finding is on a key (followed by
 * `:` or `=`), the key is kept and its value masked. Trimmed, whitespace runs as one space. A
 * syntax error's line is not used at all: the broken text around it may hold anything.
 */
export function fingerprintText(finding: LocatedFinding): string {
  if (finding.ruleId === 'syntax') return '';
  const line = finding.lineText;
  const end = finding.endLine === finding.line ? finding.endColumn - 1 : line.length;
  const separator = /^\s*[:=]/.exec(line.slice(end));
  const kept = separator ? line.slice(0, end) + separator[0] : line.slice(0, finding.column - 1);
  return `${kept}${MASK}`.trim().replace(/\s+/g, ' ');
}

/** The `kubereadyFinding/v2` fingerprint of each finding of a file, in order (scheme above). */
export function fingerprints(file: FileReport): string[] {
  const seen = new Map<string, number>();
  return file.findings.map((finding) => {
    const key = `${finding.ruleId}\0${fingerprintText(finding)}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${file.path}\0${key}\0${occurrence}`).digest('hex');
  });
}

function results(report: RunReport): Record<string, unknown>[] {
  const indexes = new Map(RULES.map((rule, i) => [rule.meta.id, i]));
  return report.files.flatMap((file) => {
    const prints = fingerprints(file);
    return file.findings.map((finding, i) => {
      const result: Record<string, unknown> = {
        ruleId: finding.ruleId,
        ruleIndex: indexes.get(finding.ruleId) ?? -1,
        level: sarifLevel(finding.severity),
        message: { text: finding.message },
        locations: [location(file.path, finding)],
        partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
      };
      if (finding.related.length > 0) {
        result.relatedLocations = finding.related.map((r, id) => ({ id, ...location(r.path ?? file.path, r), message: { text: r.message } }));
      }
      return result;
    });
  });
}

function invocation(report: RunReport): Record<string, unknown> {
  const notifications = report.problems.map((p) => {
    const note: Record<string, unknown> = { level: 'error', message: { text: p.message } };
    if (p.path !== null) note.locations = [{ physicalLocation: { artifactLocation: { uri: relativeUri(p.path), uriBaseId: SRCROOT } } }];
    if (p.ruleId) note.associatedRule = { id: p.ruleId, index: RULES.findIndex((r) => r.meta.id === p.ruleId) };
    return note;
  });
  const result: Record<string, unknown> = { executionSuccessful: report.problems.length === 0 };
  if (notifications.length > 0) result.toolExecutionNotifications = notifications;
  return result;
}

/** The SARIF log as pretty-printed JSON. `srcRoot` is the absolute working folder. */
export function formatSarif(report: RunReport, tool: SarifTool, srcRoot: string): string {
  const rootUri = pathToFileURL(srcRoot).href.replace(/\/?$/, '/');
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubeready',
            version: tool.version,
            ...(SEMVER.test(tool.version) ? { semanticVersion: tool.version } : {}),
            informationUri: tool.informationUri,
            rules: driverRules(tool.rulePage ?? (() => null)),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri } },
        invocations: [invocation(report)],
        columnKind: 'utf16CodeUnits',
        results: results(report),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/**
 * The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers: one run, every
 * registered rule in `tool.driver.rules`, one result per finding. Paths are relative to
 * `%SRCROOT%` (the working folder); regions are 1-based with UTF-16 columns and an exclusive end
 * column. Unreadable files, broken configs and rule crashes become tool execution notifications.
 */
import { pathToFileURL } from 'node:url';
import type { Severity } from '../findings';
import { docsUrl } from '../rules/docs';
import { RULES } from '../rules/index';
import type { Region, RunReport } from './report';

/** The `$schema` GitHub and the SARIF tools recognise for 2.1.0. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

export interface SarifTool {
  version: string;
  /** The project's home page. */
  informationUri: string;
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

function location(path: string, r: Region): Record<string, unknown> {
  return {
    physicalLocation: {
      artifactLocation: { uri: relativeUri(path), uriBaseId: SRCROOT },
      region: region(r),
    },
  };
}

function driverRules(): Record<string, unknown>[] {
  return RULES.map((rule) => ({
    id: rule.meta.id,
    name: ruleName(rule.meta.id),
    shortDescription: { text: rule.meta.description },
    helpUri: docsUrl(rule.meta.id),
    defaultConfiguration: { level: sarifLevel(rule.meta.defaultSeverity) },
  }));
}

function results(report: RunReport): Record<string, unknown>[] {
  const indexes = new Map(RULES.map((rule, i) => [rule.meta.id, i]));
  return report.files.flatMap((file) =>
    file.findings.map((finding) => {
      const result: Record<string, unknown> = {
        ruleId: finding.ruleId,
        ruleIndex: indexes.get(finding.ruleId) ?? -1,
        level: sarifLevel(finding.severity),
        message: { text: finding.message },
        locations: [location(file.path, finding)],
      };
      if (finding.related.length > 0) {
        result.relatedLocations = finding.related.map((r, id) => ({ id, ...location(r.path ?? file.path, r), message: { text: r.message } }));
      }
      return result;
    }),
  );
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
          driver: { name: 'kubeready', version: tool.version, informationUri: tool.informationUri, rules: driverRules() },
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

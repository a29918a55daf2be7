/**
 * What the language status item says about the active file, from the server's `kubeready/status`
 * notification (see server/src/lsp/status.ts). No VS Code API here, so that it can be unit-tested.
 */

/** The notification's method. Must match `STATUS_NOTIFICATION` in server/src/lsp/status.ts. */
export const STATUS_METHOD = 'kubeready/status';

/** How the server read a document version. Must match `FileStatus` in server/src/lsp/status.ts. */
export interface FileStatus {
  uri: string;
  version: number;
  state: 'dockerfile' | 'kubernetes' | 'skipped' | 'off' | 'failed';
  reason?: string;
}

/** The item's content, with the severity named as in `vscode.LanguageStatusSeverity`. */
export interface StatusText {
  text: string;
  detail: string;
  severity: 'Information' | 'Warning' | 'Error';
  busy: boolean;
}

const STATES = new Set<string>(['dockerfile', 'kubernetes', 'skipped', 'off', 'failed']);

/** True for a well-formed `kubeready/status` parameter (anything else is ignored). */
export function isFileStatus(value: unknown): value is FileStatus {
  if (typeof value !== 'object' || value === null) return false;
  const { uri, version, state, reason } = value as Record<string, unknown>;
  return (
    typeof uri === 'string' &&
    Number.isInteger(version) &&
    typeof state === 'string' &&
    STATES.has(state) &&
    (reason === undefined || typeof reason === 'string')
  );
}

/** What to show for the active file; `undefined`: the server has not reported on it yet. */
export function describeStatus(status: FileStatus | undefined): StatusText {
  if (!status) return { text: 'Kube Ready', detail: 'checking…', severity: 'Information', busy: true };
  const because = status.reason ?? '';
  switch (status.state) {
    case 'dockerfile':
      return { text: 'Kube Ready: Dockerfile', detail: 'checked as you type', severity: 'Information', busy: false };
    case 'kubernetes':
      return { text: 'Kube Ready: Kubernetes', detail: 'checked as you type', severity: 'Information', busy: false };
    case 'skipped':
      return { text: 'Kube Ready: not checked', detail: because, severity: 'Information', busy: false };
    case 'off':
      return { text: 'Kube Ready: off', detail: because, severity: 'Information', busy: false };
    case 'failed':
      return { text: 'Kube Ready: failed', detail: because, severity: 'Error', busy: false };
  }
}
